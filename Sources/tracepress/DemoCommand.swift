import ArgumentParser
import Foundation
import TraceDemo

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a realistic, deterministic demo trace store.",
        discussion: """
            One Chinese dairy brand with three infant-formula stages (800 g) and a UHT milk, four farms \
            (one pasture near Qiqihar), a factory, a lab and warehouses. Each batch has 10–14 process \
            steps, 10–16 lab checks with GB limits, 24 cold-chain readings and livestream links. Batch 2 \
            is recalled, batch 3 is on hold and batch 5 has a failed check. The same --seed always \
            gives the same store. An existing file is replaced only if it is itself a demo store.
            """)

    @Option(name: .long, help: "Where to write the store.")
    var store = "trace.sqlite"

    @Option(name: .long, help: "Number of batches (100000 makes a benchmark-sized store).")
    var batches = 60

    @Option(name: .long, help: "Random seed; the same seed gives the same rows.")
    var seed: UInt64 = 2026

    func run() throws {
        let clock = Stopwatch()
        do {
            try DemoStoreGenerator(batchCount: batches, seed: seed).write(to: store) { done in
                Console.progress("demo: \(done) / \(batches) batches")
            }
            Console.endProgress()
        } catch {
            Console.endProgress()
            throw Console.fail(error)
        }
        print("wrote \(batches) demo batches to \(store) in \(String(format: "%.1f", clock.seconds)) s")
    }
}

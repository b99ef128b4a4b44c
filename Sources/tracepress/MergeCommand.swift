import ArgumentParser
import Foundation
import TracePressCore

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the outputs of `build --shard K/N` runs into one site.",
        discussion: """
            For sites that outgrow one machine: run `tracepress build --shard K/N --out shard-K` for K = 1…N \
            (anywhere, from the same store, templates and options), then `tracepress merge shard-1 … shard-N`. \
            The merged site is byte for byte what a single build would publish. Batch folders are linked, \
            not re-rendered; listings, sitemaps and site files are rendered from the store.
            """)

    @Argument(help: "Output folders of the shard builds.")
    var shards: [String]

    @OptionGroup var site: SiteOptions

    func run() throws {
        let clock = Stopwatch()
        do {
            let options = try site.buildOptions()
            let report = try SiteMerger(options: options, shardPaths: shards).merge(warn: { Console.note("warning: \($0)") })
            print(
                "\(report.outputPath)/: merged \(report.unchanged) batches from \(shards.count) shards; "
                    + "\(report.productPages) product pages, \(report.sitePages) site pages; \(report.changedFiles) files changed in \(String(format: "%.1f", clock.seconds)) s")
        } catch BuildError.brokenLinks(let findings) {
            throw Console.failForBrokenLinks(findings)
        } catch {
            throw Console.fail(error)
        }
    }
}

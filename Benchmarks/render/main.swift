// What each part of a batch's files costs, in one process, on records held in memory: no files,
// no threads; one more row times reading those records from the store. Each stage runs over every record, ROUNDS times; the fastest
// round is kept (this microVM's noise only ever adds time), in CPU microseconds per batch.
//
//   swift run -c release tracepress-render-bench STORE [BATCHES] [ROUNDS]
//   Benchmarks/render/run.sh                # builds, makes a 2,000-batch demo store, runs
//
// Why: a full build's wall and CPU time move by 10–30% between runs here (the kernel's file work
// most of all), so a change worth 2% of a batch cannot be seen in them; these figures move by
// a few percent. The stages are the ones `BatchArtifacts.render` runs, with the build's defaults;
// the last two rows run `BatchArtifacts.render` itself, batch by batch and in the build's groups.
import Glibc
import TracePressCore
import TraceModel
import TraceQR
import TraceRender
import TraceStore
import TraceView

/// CPU time of this thread, in seconds.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// `value` with one decimal.
func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

/// Writes `message` to standard error and exits.
func fail(_ message: String, status: Int32) -> Never {
    let line = message + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(status)
}

func run() throws {
    let arguments = CommandLine.arguments
    guard arguments.count >= 2 else {
        fail("usage: tracepress-render-bench STORE [BATCHES] [ROUNDS]   (run from the repository root: reads Templates/)", status: 2)
    }
    let limit = arguments.count > 2 ? Int(arguments[2]) ?? 2000 : 2000
    let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 7 : 7

    let store = try TraceStore(path: arguments[1], mode: .readOnly)
    let templates = try TemplateSet(folder: "Templates")
    let site = SiteContext(
        baseURL: "https://trace.example.com", reference: try store.loadReference().reference, strings: try UIStrings(folder: "Templates"))
    var read: [BatchRecord] = []
    try store.forEachBatchChunk { chunk in
        for record in chunk.records where read.count < limit { read.append(record) }
    }
    let records = read
    guard !records.isEmpty else { fail("tracepress-render-bench: no batches in \(arguments[1])", status: 1) }

    // The inputs of later stages, made once.
    let facts = records.map { BatchFacts($0, in: site) }
    let views = zip(records, facts).map { BatchPage.bilingualView(of: $0, in: site, facts: $1) }
    let codes = try facts.map { try QRCode(encoding: $0.link.url) }
    let printSize = try PrintSize()

    /// Runs `body` for every record index, `rounds` times; the fastest round's µs per batch. The
    /// byte count keeps the work from being optimised away and is printed.
    func stage(_ name: String, _ body: (Int) throws -> Int) rethrows -> (String, Double) {
        var best = Double.infinity
        var bytes = 0
        for _ in 0..<rounds {
            bytes = 0
            let start = threadCPUSeconds()
            for index in records.indices { bytes &+= try body(index) }
            best = min(best, threadCPUSeconds() - start)
        }
        let perBatch = best / Double(records.count) * 1e6
        print("| \(name) | \(oneDecimal(perBatch)) | \(bytes / records.count) |")
        return (name, perBatch)
    }

    print("\(records.count) batches, fastest of \(rounds) rounds, one thread\n")
    print("| stage | µs per batch | bytes per batch |")
    print("|---|---|---|")
    let results = try [
        stage("facts (JSON-LD, cold-chain charts, check and step texts)") { BatchFacts(records[$0], in: site).link.url.utf8.count },
        stage("page view (both languages)") { BatchPage.bilingualView(of: records[$0], in: site, facts: facts[$0])["lot"]?.textValue?.utf8.count ?? 0 },
        stage("both pages rendered") { index in
            let pages = try templates.renderBothLanguages(views[index], with: "batch")
            return pages.chinese.count + pages.english.count
        },
        stage("data.json") { BatchDataDocument.document(for: records[$0], in: site, facts: facts[$0]).count },
        stage("linkset.json") { Linkset.document(for: records[$0], in: site).count },
        stage("QR code (libqrencode, mask choice)") { try QRCode(encoding: facts[$0].link.url).modules.count },
        stage("qr.svg") { codes[$0].svg(print: printSize).count },
        stage("qr.png") { try codes[$0].png(scale: 8).count },
    ]
    print("| all of the above | \(oneDecimal(results.map(\.1).reduce(0, +))) | |")

    // Reading the same batches from the store, as the build's reader thread does: batch rows,
    // child rows, decoding into records (the store's pages are in SQLite's cache or the
    // kernel's after the first round).
    var stored = Double.infinity
    for _ in 0..<rounds {
        var count = 0
        let start = threadCPUSeconds()
        do {
            try store.forEachBatchChunk { chunk in
                count += chunk.records.count
                if count >= records.count { throw StopReading() }
            }
        } catch is StopReading {}
        stored = min(stored, threadCPUSeconds() - start)
    }
    print("| reading from the store (rows, decoding) | \(oneDecimal(stored / Double(records.count) * 1e6)) | |")

    // All of a batch's files as `BatchArtifacts` renders them for a build: one batch after
    // another (each stage's code evicting the last one's), and in the build's groups.
    let artifacts = BatchArtifacts(site: site, templates: templates, options: BuildOptions())
    func grouped(_ name: String, size: Int) throws {
        _ = try stage(name) { index in
            guard index % size == 0 else { return 0 }
            let files = try artifacts.render(records[index..<min(records.count, index + size)])
            return files.reduce(0) { total, batch in batch.files.reduce(total) { $0 + $1.bytes.count } }
        }
    }
    try grouped("all of a batch's files, one batch after another", size: 1)
    try grouped("all of a batch's files, \(BatchArtifacts.batchesPerGroup) batches stage by stage (as a build)", size: BatchArtifacts.batchesPerGroup)
}

/// Ends a store read once enough batches have come.
struct StopReading: Error {}

do {
    try run()
} catch {
    fail("tracepress-render-bench: \(error)", status: 1)
}

import ArgumentParser
import Foundation
import TracePressCore
import TraceQR

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the static site: pages and QR codes for every batch.",
        discussion: """
            Writes, for every batch, <out>/01/<GTIN-14>/10/<lot>/index.html (Chinese), en/index.html \
            (English), qr.svg, qr.png, linkset.json and data.json; a page per product; index.html, 404.html, \
            sitemaps, robots.txt, host rules (_headers and _redirects for Netlify or Cloudflare Pages, \
            _nginx.conf to include in an nginx server block) and cache rules; and copies Public/. The QR codes encode exactly \
            <base-url>/01/<GTIN-14>/10/<lot> (GS1 Digital Link). The store is checked first: a store with \
            problems publishes nothing (see `tracepress check`). The site is built beside <out> and \
            swapped in only when complete, so a failed or interrupted build leaves the old site as it was.

            Builds are incremental: <out>/.tracepress/ records what each page was rendered from, and the \
            next build renders only batches whose rows, the templates or the options changed, and rewrites \
            only files whose bytes changed. The same inputs always give byte-identical output. \
            <out>/.tracepress/changed-urls.txt lists what changed, for a CDN purge. A second tree of hard \
            links beside <out>, .tracepress-spare-<out>, is where the next build starts; it is not part of \
            the site, costs no file contents, and may be deleted at any time.
            """)

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Render every batch, ignoring what the previous build recorded.")
    var full = false

    @Flag(name: .long, help: ArgumentHelp(
        "Leave no spare tree beside <out> (one-shot builds, e.g. a CI job that uploads the site and is thrown away).",
        discussion: "Saves hard-linking each batch file into the spare as a full render writes it (about 2 s of a 100,000-batch build on tmpfs) and the disk's folder entries for them; the next build, if any, links the published site itself."))
    var noSpare = false

    @Flag(name: .long, help: "Print nothing but warnings and errors.")
    var quiet = false

    @Flag(name: .long, help: "Print how long each phase of the build took (to stderr).")
    var timings = false

    @Option(name: .long, help: "Threads that draw pages at once, batch and listing pages together (default: every core); the store is read on a thread of its own.")
    var jobs: Int?

    @Option(name: .long, help: "Build only shard K of N (e.g. 2/4), a stable slice of the batches; join shards with `tracepress merge`.")
    var shard: String?

    func run() throws {
        let clock = Stopwatch()
        do {
            var options = try site.buildOptions()
            options.full = full
            options.keepSpare = !noSpare
            if let jobs { options.jobs = jobs }
            options.shard = try shard.map { try Shard(parsing: $0) }
            let malloc = MallocTuning()
            malloc.limitArenas(renderThreads: options.jobs)
            var trimmedAt = 0.0
            var warnings = 0
            let report = try SiteBuilder(options: options).build(
                progress: { progress in
                    // Called before the first chunk of batches and after each (every fraction of a second), on the thread of the batch pass.
                    if clock.seconds - trimmedAt >= 1 {
                        malloc.releaseFreeMemory()
                        trimmedAt = clock.seconds
                    }
                    guard !quiet else { return }
                    // From the start: the batches begin once the inputs are read, in a moment.
                    let rate = Double(progress.batchesDone) / max(clock.seconds, 0.001)
                    let remaining = Double(progress.batchesTotal - progress.batchesDone) / max(rate, 1)
                    let pages = progress.listingPagesDone.map { " · product and site pages: \($0)" } ?? ""
                    // No rate before the first chunk is done: it would say nothing, and the ETA less.
                    let pace = progress.batchesDone == 0 ? "starting" : "\(Int(rate))/s · ETA \(Int(remaining.rounded())) s"
                    Console.progress("build: \(progress.batchesDone) / \(progress.batchesTotal) batches · \(pace)\(pages)")
                },
                warn: {
                    warnings += 1
                    Console.note("warning: \($0)")
                })
            Console.endProgress()
            if timings {
                for phase in report.phases { Console.note(String(format: "%7.2f s  ", phase.seconds) + phase.name) }
            }
            for line in report.omissions { Console.note("left out: \(line)") }
            guard !quiet else { return }
            print(
                "\(report.outputPath)/: \(report.rendered) batches rendered, \(report.unchanged) unchanged, \(report.removed) removed; "
                    + "\(report.productPages) product pages, \(report.sitePages) site pages; \(report.changedFiles) files changed in \(String(format: "%.1f", clock.seconds)) s"
                    + (warnings == 0 ? "" : "; \(warnings) warning\(warnings == 1 ? "" : "s")"))
            print("QR codes point to \(report.baseURL)/01/<GTIN>/10/<lot>; changed URLs for a CDN purge: \(report.outputPath)/.tracepress/changed-urls.txt")
        } catch let error as ValidationError {
            throw error
        } catch BuildError.inconsistentStore(let problems) {
            Console.endProgress()
            CheckCommand.printProblems(problems, limit: 50)
            throw Console.fail(BuildError.inconsistentStore(problems))
        } catch BuildError.brokenLinks(let findings) {
            Console.endProgress()
            throw Console.failForBrokenLinks(findings)
        } catch {
            Console.endProgress()
            throw Console.fail(error)
        }
    }
}

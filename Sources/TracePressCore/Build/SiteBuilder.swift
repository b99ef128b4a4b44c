import Dispatch
import Foundation
import Synchronization
import TraceModel
import TracePublish
import TraceRender
import TraceStore
import TraceView

/// Builds the whole static site: store → model → view → render + QR → publish.
///
/// Batches stream from the store in chunks; each chunk is validated, then rendered on every core.
/// Everything goes to a staging folder that replaces the output only when the build succeeds.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    /// Runs the build.
    ///
    /// - Parameter progress: Called after each chunk of batches.
    /// - Returns: What was written.
    /// - Throws: `StoreError`, `RenderError`, `PublishError`, `QRError`, or `BuildError` (with
    ///   every store problem found); the previous site is left as it was.
    public func build(progress: (BuildProgress) -> Void = { _ in }) throws -> BuildReport {
        guard options.pngScale >= 1 && options.pngScale <= 64 else { throw BuildError.badOption("--qr-png-scale must be 1 to 64") }
        guard options.chunkSize >= 1 else { throw BuildError.badOption("--chunk-size must be at least 1") }
        let store = try TraceStore(path: options.storePath, mode: .readOnly)
        let templates = try TemplateSet(folder: options.templatesPath)
        let (reference, referenceProblems) = try store.loadReference()
        let problems = referenceProblems + reference.problems() + (try store.crossRowProblems())
        guard problems.isEmpty else { throw BuildError.inconsistentStore(problems) }
        let base = try BaseURL.validated(try options.baseURL ?? store.info("base_url") ?? { throw BuildError.noBaseURL }())
        let site = SiteContext(baseURL: base, reference: reference)

        let staging = try SiteStaging(publishingTo: options.outputPath)
        do {
            var report = BuildReport(outputPath: staging.outputPath, baseURL: base)
            try staging.copyTree(from: options.publicPath, reserved: ["index.html", "404.html", "01", SiteStaging.markerFileName])
            let counts = try publishBatches(from: store, site: site, templates: templates, into: staging, progress: progress)
            report.batchPages = counts.values.reduce(0, +)
            report.productPages = try publishListings(from: store, site: site, templates: templates, batchCounts: counts, into: staging)
            report.files = Self.countFiles(in: staging.stagingPath) - 1  // the marker file is not content
            try staging.commit()
            return report
        } catch {
            staging.discard()
            throw error
        }
    }

    /// Streams, validates and renders every batch; returns how many batches each product has.
    private func publishBatches(
        from store: TraceStore, site: SiteContext, templates: TemplateSet, into staging: SiteStaging,
        progress: (BuildProgress) -> Void
    ) throws -> [GTIN: Int] {
        let total = try store.batchCount()
        let artifacts = BatchArtifacts(site: site, templates: templates, options: options)
        var problems: [StoreProblem] = []
        var counts: [GTIN: Int] = [:]
        var done = 0
        try store.forEachBatchChunk(chunkSize: options.chunkSize) { chunk in
            problems += chunk.problems
            let valid = chunk.records.filter { record in
                let found = record.problems(against: site.reference)
                problems += found
                return found.isEmpty
            }
            // Once the store is known to be inconsistent nothing will be published: keep
            // validating (to report every problem) but stop rendering.
            if problems.isEmpty {
                let failure = Mutex<(any Error)?>(nil)
                DispatchQueue.concurrentPerform(iterations: valid.count) { index in
                    do { try artifacts.publish(valid[index], into: staging) } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                    }
                }
                if let error = failure.withLock({ $0 }) { throw error }
            }
            for record in valid { counts[record.batch.gtin, default: 0] += 1 }
            done += chunk.records.count + chunk.problems.count
            progress(BuildProgress(batchesDone: min(done, total), batchesTotal: total))
        }
        guard problems.isEmpty else { throw BuildError.inconsistentStore(problems) }
        return counts
    }

    static func countFiles(in folder: String) -> Int {
        var count = 0
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            if let type = enumerator?.fileAttributes?[.type] as? FileAttributeType, type == .typeRegular { count += 1 }
            _ = path
        }
        return count
    }
}

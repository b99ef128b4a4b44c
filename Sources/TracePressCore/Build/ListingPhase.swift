import Foundation
import Synchronization
import TraceStore

/// The product, site, live and recall pages and the assets (`BuildInputs.publishSharedFiles`),
/// published on a thread of their own while the batch pass renders the batches.
///
/// Why beside the batches and not before them: on its own the listing phase kept the two cores
/// busy three quarters of its time (a listing's ids are read before its pages are drawn, and
/// each group of pages is written in order before the next is drawn), 3.2–4.0 s of a
/// 100,000-batch build; in a one-batch rebuild it was half the time, reading ids while the
/// batch pass waited. The batch pass's threads now fill those gaps.
///
/// Until `isFinished`, this thread alone uses the sink, the sitemap and the change log it was
/// given: the batch pass holds back what it records in the last two (`HeldRecords`), so every
/// file and manifest comes out in the same order as when the phases ran one after the other.
/// It reads the store through a connection of its own: the batch pass holds the build's for
/// the whole pass.
final class ListingPhase: Sendable {
    private let done = DispatchGroup()
    private let outcome = Mutex<Result<(productPages: Int, sitePages: Int), any Error>?>(nil)
    private let pages = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)

    /// Starts publishing.
    ///
    /// - Throws: `StoreError` when the store cannot be opened a second time.
    init(inputs: BuildInputs, sink: SiteFileSink, sitemap: SitemapBuilder) throws {
        let connection = try TraceStore(path: inputs.store.path, mode: .readOnly)
        // Safe to hand over: the caller does not touch the sink or the sitemap until `wait`.
        let work = UncheckedBox((inputs.reading(through: connection), sink, sitemap))
        done.enter()
        // Its own thread, not a Dispatch worker: its pages are drawn on the pool's workers, as
        // the batches are, and a pool worker waiting for them would leave one fewer to draw.
        Thread { [self] in
            let (inputs, sink, sitemap) = work.value
            let result = Result {
                try inputs.publishSharedFiles(into: sink, sitemap: sitemap) { done in
                    pages.store(done, ordering: .relaxed)
                    if cancelled.load(ordering: .relaxed) { throw CancellationError() }
                }
            }
            outcome.withLock { $0 = result }
            done.leave()
        }.start()
    }

    /// Listing pages done so far (per language).
    var pagesDone: Int { pages.load(ordering: .relaxed) }

    /// Whether publishing has ended, well or not; `wait` then returns at once.
    var isFinished: Bool { outcome.withLock { $0 != nil } }

    /// Waits for the pages; the number of product listing pages and of site pages.
    ///
    /// - Throws: What publishing threw.
    func wait() throws -> (productPages: Int, sitePages: Int) {
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Stops at the next group of pages and waits (the build failed elsewhere), so nothing is
    /// written into staging after it is discarded.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        done.wait()
    }
}

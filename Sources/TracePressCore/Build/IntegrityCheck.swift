import Dispatch
import Foundation
import Synchronization
import TraceModel
import TracePublish
import TraceStore

/// The store's cross-row checks (foreign keys, lots that collide on case-insensitive disks), run
/// on their own connection and thread while the build reads and renders.
///
/// Why in the background: SQLite's `foreign_key_check` visits every step, check and reading row
/// (0.6 s of a 3.3 s one-batch-changed rebuild of a 100,000-batch store) and the build does not
/// need its answer until it is about to publish. A build with problems still publishes nothing:
/// `SiteBuilder` and `SiteMerger` wait for the answer before the staging folder replaces the site.
/// Given the table tokens of the published site's clean check, only tables changed since are
/// checked (`TraceStore.crossRowCheck(cleanAt:)`).
final class IntegrityCheck: Sendable {
    private let done = DispatchGroup()
    private let outcome = Mutex<Result<CrossRowCheck, StoreError>?>(nil)

    /// Starts checking the store at `path`.
    ///
    /// - Parameter clean: Table tokens of an earlier clean check of this store (`CheckedTables`).
    init(storePath path: String, cleanAt clean: [String: Int64]? = nil) {
        done.enter()
        // Its own thread, not a worker of Dispatch's pool: on two cores the pool has two workers,
        // and a long check held one while the listing reads queued behind it (0.6 s of a 1.9 s
        // one-batch rebuild waiting for the first product's ids).
        Thread { [self] in
            let result = Result { () throws(StoreError) -> CrossRowCheck in
                try TraceStore(path: path, mode: .readOnly).crossRowCheck(cleanAt: clean)
            }
            outcome.withLock { $0 = result }
            done.leave()
        }.start()
    }

    /// No check: `problems()` finds none at once. For what reads the inputs without publishing
    /// (`tracepress names`, pages drawn on request by `serve`), where a check of every row of the
    /// store would only spend CPU.
    private init() {
        outcome.withLock { $0 = .success(.notRun) }
    }

    /// A check that is not run (see `init()`).
    static let skipped = IntegrityCheck()

    /// Waits for the check; the problems it found.
    ///
    /// - Throws: `StoreError` when the store could not be read.
    func problems() throws(StoreError) -> [StoreProblem] { try check().problems }

    private func check() throws(StoreError) -> CrossRowCheck {
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Waits for the check and throws `BuildError.inconsistentStore` when it found problems.
    func require() throws {
        let found = try problems()
        guard found.isEmpty else { throw BuildError.inconsistentStore(found) }
    }

    /// Waits for the check, throws as `require` does, and records the tables' counters in the
    /// staged site (`CheckedTables`), so the next build checks only what changes after.
    func require(recordingIn staging: SiteStaging) throws {
        try require()
        try CheckedTables.write(try check().tokens, in: staging)
    }

    /// A build that failed on store problems of its own reports these with them.
    func adding(to error: any Error) -> any Error {
        guard case BuildError.inconsistentStore(let found) = error, let more = try? problems(), !more.isEmpty else { return error }
        return BuildError.inconsistentStore(more + found)
    }
}

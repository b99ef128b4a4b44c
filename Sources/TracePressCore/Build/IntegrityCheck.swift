import Dispatch
import Synchronization
import TraceModel
import TraceStore

/// The store's cross-row checks (foreign keys, lots that collide on case-insensitive disks), run
/// on their own connection and thread while the build reads and renders.
///
/// Why in the background: SQLite's `foreign_key_check` visits every step, check and reading row
/// (0.6 s of a 3.3 s one-batch-changed rebuild of a 100,000-batch store) and the build does not
/// need its answer until it is about to publish. A build with problems still publishes nothing:
/// `SiteBuilder` and `SiteMerger` wait for the answer before the staging folder replaces the site.
final class IntegrityCheck: Sendable {
    private let done = DispatchGroup()
    private let outcome = Mutex<Result<[StoreProblem], StoreError>?>(nil)

    /// Starts checking the store at `path`.
    init(storePath path: String) {
        done.enter()
        DispatchQueue.global().async { [self] in
            let result = Result { () throws(StoreError) -> [StoreProblem] in
                try TraceStore(path: path, mode: .readOnly).crossRowProblems()
            }
            outcome.withLock { $0 = result }
            done.leave()
        }
    }

    /// Waits for the check; the problems it found.
    ///
    /// - Throws: `StoreError` when the store could not be read.
    func problems() throws(StoreError) -> [StoreProblem] {
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Waits for the check and throws `BuildError.inconsistentStore` when it found problems.
    func require() throws {
        let found = try problems()
        guard found.isEmpty else { throw BuildError.inconsistentStore(found) }
    }

    /// A build that failed on store problems of its own reports these with them.
    func adding(to error: any Error) -> any Error {
        guard case BuildError.inconsistentStore(let found) = error, let more = try? problems(), !more.isEmpty else { return error }
        return BuildError.inconsistentStore(more + found)
    }
}

import Foundation
public import TraceModel
import TraceStore

/// `tracepress check`: every problem in a store, each naming table, row and field.
///
/// It runs exactly the rules `build` runs before publishing, so a clean check means a build
/// will not refuse the store.
public struct StoreAudit: Sendable {
    public let storePath: String

    public init(storePath: String) { self.storePath = storePath }

    /// - Returns: All problems, in store order; empty when the store may be published.
    /// - Throws: `StoreError` when the store cannot be opened or read.
    public func run() throws -> [StoreProblem] {
        let store = try TraceStore(path: storePath, mode: .readOnly)
        let (reference, referenceProblems) = try store.loadReference()
        var problems = referenceProblems + reference.problems() + (try store.crossRowProblems())
        try store.forEachBatchChunk { chunk in
            problems += chunk.problems
            for record in chunk.records { problems += record.problems(against: reference) }
        }
        return problems
    }

    /// What pages would leave out rather than show broken (sessions with bad times or links,
    /// posters missing from `Public/`, sites without coordinates): warnings, not failures.
    ///
    /// - Parameter publicPath: The `Public/` folder, to look for posters; skipped when absent.
    public func omissions(publicPath: String?) throws -> [String] {
        let store = try TraceStore(path: storePath, mode: .readOnly)
        let (reference, _) = try store.loadReference()
        var files: Set<String>?
        if let publicPath, let enumerator = FileManager.default.enumerator(atPath: publicPath) {
            var found: Set<String> = []
            while let relative = enumerator.nextObject() as? String { found.insert(relative) }
            files = found
        }
        return reference.omissions(publicFiles: files)
    }
}

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
}

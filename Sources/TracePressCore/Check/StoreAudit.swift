import Dispatch
import Foundation
import Synchronization
public import TraceModel
import TraceStore

/// `tracepress check`: every problem in a store, each naming table, row and field.
///
/// It runs exactly the rules `build` runs before publishing, so a clean check means a build
/// will not refuse the store.
public struct StoreAudit: Sendable {
    public let storePath: String

    public init(storePath: String) { self.storePath = storePath }

    /// The batches are checked in two halves of the ids at once, each through a connection and
    /// thread of its own (reading and decoding them is most of the work), and the cross-row
    /// checks (SQLite's foreign key check over every row) beside them: one after the other, a
    /// 100,000-batch check took 12.0 s on two cores.
    ///
    /// - Parameter progress: Called on the calling thread with how many batches are checked so
    ///   far and how many there are.
    /// - Returns: All problems, in store order; empty when the store may be published.
    /// - Throws: `StoreError` when the store cannot be opened or read.
    public func run(progress: (_ checked: Int, _ total: Int) -> Void = { _, _ in }) throws -> [StoreProblem] {
        let store = try TraceStore(path: storePath, mode: .readOnly)
        let (reference, referenceProblems) = try store.loadReference()
        let crossRow = IntegrityCheck(storePath: storePath)
        defer { _ = try? crossRow.problems() }  // no thread left reading the store on an error
        let total = try store.batchCount()
        // At a chunk boundary of one whole stream, so both halves read the very chunks one
        // stream would, and the problems come out in the same order (within a chunk, rows that
        // do not decode come before the rules' findings).
        let chunkSize = 512
        let split = try store.batchID(atPosition: total / 2 / chunkSize * chunkSize) ?? Int64.max

        // The upper half on a thread of its own, the lower half here.
        let upperChecked = Atomic<Int>(0)
        let upper = Mutex<Result<[StoreProblem], any Error>>(.success([]))
        let upperDone = DispatchSemaphore(value: 0)
        let path = storePath
        Thread {
            let result = Result { () throws -> [StoreProblem] in
                try Self.problems(in: TraceStore(path: path, mode: .readOnly), ids: split...Int64.max, chunkSize: chunkSize, reference: reference) { count in
                    upperChecked.add(count, ordering: .relaxed)
                }
            }
            upper.withLock { $0 = result }
            upperDone.signal()
        }.start()
        var lowerChecked = 0
        let lower = Result { () throws -> [StoreProblem] in
            try Self.problems(in: store, ids: Int64.min...(split == Int64.min ? split : split - 1), chunkSize: chunkSize, reference: reference) { count in
                lowerChecked += count
                progress(lowerChecked + upperChecked.load(ordering: .relaxed), total)
            }
        }
        upperDone.wait()
        progress(lowerChecked + upperChecked.load(ordering: .relaxed), total)
        return referenceProblems + reference.problems() + (try crossRow.problems()) + (try lower.get()) + (try upper.withLock { $0 }.get())
    }

    /// The problems of the batches whose ids are in `ids`, in id order; `checked` after each chunk.
    private static func problems(
        in store: TraceStore, ids: ClosedRange<Int64>, chunkSize: Int, reference: ReferenceData, checked: (Int) -> Void
    ) throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        try store.forEachBatchChunk(ids: ids, chunkSize: chunkSize) { chunk in
            problems += chunk.problems
            for record in chunk.records { problems += record.problems(against: reference) }
            checked(chunk.headers.count)
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

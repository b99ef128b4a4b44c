public import TraceModel

/// A run of consecutive batches read together, with the problems found while decoding them.
public struct BatchChunk: Sendable {
    /// The batches whose every row decoded.
    public var records: [BatchRecord]
    /// Rows that could not be decoded; their batches are not in `records`.
    public var problems: [StoreProblem]
}

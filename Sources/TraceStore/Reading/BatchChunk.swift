public import TraceModel

/// The identity of a batch row as stored, before any decoding: enough to decide whether the
/// batch must be rendered again.
public struct BatchHeader: Sendable, Equatable {
    public var id: Int64
    /// The `gtin` column as stored (not yet validated).
    public var gtin: String
    /// The `lot` column as stored (not yet validated).
    public var lot: String
    /// Bumped by SQLite triggers whenever the batch or one of its rows changes.
    public var revision: Int64
}

/// A run of consecutive batches read together, with the problems found while decoding them.
public struct BatchChunk: Sendable {
    /// Every batch row in the chunk, selected or not, in id order.
    public var headers: [BatchHeader]
    /// The selected batches whose every row decoded.
    public var records: [BatchRecord]
    /// Rows that could not be decoded; their batches are not in `records`.
    public var problems: [StoreProblem]
}

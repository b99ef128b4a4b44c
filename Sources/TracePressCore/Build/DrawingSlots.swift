import Dispatch

/// How many threads may draw pages at once (`--jobs`), for the batch pass and the listing phase
/// together.
///
/// Each draws on threads of its own: the batch pass on `jobs` threads per chunk, with the next
/// chunk starting while the last groups of the one before finish, and the listing pages beside
/// it on `jobs` more. Without one set of slots for all of them, `--jobs 1` drew on two or three
/// threads. Reading the store, the cross-row checks and recording what was written stay on
/// threads of their own, outside the slots.
final class DrawingSlots: Sendable {
    private let semaphore: DispatchSemaphore

    /// - Parameter count: Threads that may draw at once, at least one.
    init(_ count: Int) { semaphore = DispatchSemaphore(value: max(1, count)) }

    /// Runs `body` once a slot is free, and frees it after.
    func withSlot<Result>(_ body: () throws -> Result) rethrows -> Result {
        semaphore.wait()
        defer { semaphore.signal() }
        return try body()
    }
}

import Dispatch
import Synchronization
import TracePublish

/// Work spread over threads that each claim the next item when done with the last, so one slow
/// item (a batch with many checks, a listing page that must be read) never leaves a core idle.
enum ClaimedWork {
    /// Runs `body` for every index in `0..<count` on up to `threads` threads, each item in one of
    /// `slots`, and returns when all are done. After the first error no further items are
    /// claimed, and that error is thrown. `allClaimed` is called exactly once: as soon as no item
    /// is left to claim, while the last ones may still run (at once when there are none, and on
    /// the way out after an error).
    static func run(
        count: Int, threads: Int, slots: DrawingSlots, allClaimed: @Sendable () -> Void = {}, _ body: @Sendable (Int) throws -> Void
    ) throws {
        guard count > 0 else { return allClaimed() }
        let next = Mutex(0)
        let failure = Mutex<(any Error)?>(nil)
        // After an error nobody claims past the end (`next` stays at most `count`): said here.
        defer { if next.withLock({ $0 }) <= count { allClaimed() } }
        BuildQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while failure.withLock({ $0 == nil }) {
                let index = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                // The one thread that claims past the end says so.
                if index == count { allClaimed() }
                guard index < count else { break }
                do {
                    try slots.withSlot { try body(index) }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

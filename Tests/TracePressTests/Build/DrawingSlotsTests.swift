import Dispatch
import Foundation
import Synchronization
import Testing
@testable import TracePressCore

@Suite("--jobs: at most that many threads draw at once, across chunks and listings")
struct DrawingSlotsTests {
    /// Runs two `ClaimedWork` runs side by side (a chunk and the next, or a chunk and the
    /// listings), each asking for `threads` threads, sharing `slots`; the most bodies seen running at once.
    func mostAtOnce(slots: DrawingSlots, threads: Int) throws -> Int {
        let running = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        let work: @Sendable (Int) throws -> Void = { _ in
            let now = running.add(1, ordering: .sequentiallyConsistent).newValue
            _ = most.max(now, ordering: .sequentiallyConsistent)
            usleep(2_000)
            running.subtract(1, ordering: .sequentiallyConsistent)
        }
        let group = DispatchGroup()
        let failure = Mutex<(any Error)?>(nil)
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                do { try ClaimedWork.run(count: 40, threads: threads, slots: slots, work) } catch { failure.withLock { $0 = error } }
            }
        }
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        return most.load(ordering: .sequentiallyConsistent)
    }

    @Test("one slot: one body at a time, though two runs ask for three threads each")
    func oneSlot() throws {
        #expect(try mostAtOnce(slots: DrawingSlots(1), threads: 3) == 1)
    }

    @Test("three slots: never more than three")
    func threeSlots() throws {
        let most = try mostAtOnce(slots: DrawingSlots(3), threads: 3)
        #expect(most >= 1 && most <= 3)
    }
}

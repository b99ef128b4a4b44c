import Foundation
import Synchronization
import Testing
@testable import TracePressCore

@Suite("Claimed work: the next chunk starts as soon as nothing of the one before is left to take")
struct ClaimedWorkTests {
    private struct Refused: Error {}

    @Test("allClaimed is said once, while the last item still runs, and before run returns")
    func saidWhileTheLastItemRuns() throws {
        let calls = Atomic<Int>(0)
        let slowItemRunningWhenSaid = Atomic<Bool>(false)
        let slowItemRunning = Atomic<Bool>(false)
        // Two threads: item 0 ends at once and its thread claims past the end while item 1
        // still sleeps for 300 ms.
        try ClaimedWork.run(count: 2, threads: 2, slots: DrawingSlots(2), allClaimed: {
            calls.add(1, ordering: .sequentiallyConsistent)
            slowItemRunningWhenSaid.store(slowItemRunning.load(ordering: .sequentiallyConsistent), ordering: .sequentiallyConsistent)
        }) { index in
            guard index == 1 else { return }
            slowItemRunning.store(true, ordering: .sequentiallyConsistent)
            usleep(300_000)
            slowItemRunning.store(false, ordering: .sequentiallyConsistent)
        }
        let (said, whileRunning) = (calls.load(ordering: .sequentiallyConsistent), slowItemRunningWhenSaid.load(ordering: .sequentiallyConsistent))
        #expect(said == 1)
        #expect(whileRunning)
    }

    @Test("allClaimed is said once with nothing to do, and once when an item fails")
    func saidOnceWhateverHappens() throws {
        let calls = Atomic<Int>(0)
        let count: @Sendable () -> Void = { calls.add(1, ordering: .sequentiallyConsistent) }
        try ClaimedWork.run(count: 0, threads: 2, slots: DrawingSlots(2), allClaimed: count) { _ in }
        #expect(calls.load(ordering: .sequentiallyConsistent) as Int == 1)

        // One thread, so the failure stops the claiming before the end is reached.
        #expect(throws: Refused.self) {
            try ClaimedWork.run(count: 10, threads: 1, slots: DrawingSlots(1), allClaimed: count) { index in
                if index == 3 { throw Refused() }
            }
        }
        #expect(calls.load(ordering: .sequentiallyConsistent) == 2)

        try ClaimedWork.run(count: 50, threads: 3, slots: DrawingSlots(2), allClaimed: count) { _ in }
        #expect(calls.load(ordering: .sequentiallyConsistent) == 3)
    }
}

import Foundation
import Glibc
import Synchronization
import Testing
import TracePublish

@Suite("Build lock")
struct BuildLockTests {
    /// A refused lock used to close its descriptor twice (once in `init`, once more in `deinit`,
    /// which Swift runs for a class whose initializer throws after setting every property). The
    /// second close hit whatever file another thread had opened under that number in between:
    /// a test reading a site on another thread then lost a file now and then.
    @Test("a refused lock closes only its own descriptor, whatever other threads have open")
    func refusedLockLeavesOtherFilesOpen() throws {
        let directory = TemporaryDirectory()
        let out = directory.file("site")
        let held = try BuildLock(forOutput: out)
        let stop = Atomic<Bool>(false)
        let lostFiles = Atomic<Int>(0)
        let reader = Thread {
            // Opens the lowest free descriptor again and again: the number a refused lock just
            // closed, if it closed one.
            while !stop.load(ordering: .relaxed) {
                let descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { continue }
                for _ in 0..<8 where fcntl(descriptor, F_GETFD) < 0 { lostFiles.add(1, ordering: .relaxed) }
                if close(descriptor) != 0 { lostFiles.add(1, ordering: .relaxed) }
            }
        }
        reader.start()
        for _ in 0..<5_000 {
            #expect(throws: PublishError.locked(out)) { try BuildLock(forOutput: out) }
        }
        stop.store(true, ordering: .relaxed)
        withExtendedLifetime(held) {}
        #expect(lostFiles.load(ordering: .relaxed) == 0, "another thread's file was closed under it")
    }
}

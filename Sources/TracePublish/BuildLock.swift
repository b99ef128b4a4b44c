import Foundation
import Glibc

/// Keeps two builds from writing the same output at once: an exclusive `flock` on a lock file
/// beside the output folder, released when the process ends, however it ends.
public final class BuildLock {
    private let descriptor: Int32

    /// - Throws: `PublishError.locked` when another build holds the lock.
    public init(forOutput outputPath: String) throws(PublishError) {
        let url = URL(fileURLWithPath: outputPath)
        let parent = url.deletingLastPathComponent().path
        try FileOutput.makeDirectories(parent)
        let path = "\(parent)/.tracepress-lock-\(url.lastPathComponent)"
        // Held in a local until locked: Swift runs `deinit` for a class whose initializer
        // throws after setting every property, and a second `close` of the number would close
        // whatever file another thread opened under it in between.
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw .io(path: path, doing: "open lock", reason: FileOutput.errorText()) }
        guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
            close(opened)
            throw .locked(outputPath)
        }
        descriptor = opened
    }

    deinit { close(descriptor) }
}

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
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: path, doing: "open lock", reason: FileOutput.errorText()) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .locked(outputPath)
        }
    }

    deinit { close(descriptor) }
}

import Foundation
import Glibc

/// A temporary file for data a build must hold longer than it wants to hold it in memory (a
/// listing's batch ids, read ahead before its pages are drawn). Unlinked as soon as it is made,
/// so nothing is left behind if the build is killed; closed when released.
public final class ScratchFile {
    private let descriptor: Int32
    private let name: String
    /// Bytes appended so far.
    public private(set) var size = 0

    /// Makes one in `folder` (by default the system's temporary folder, `$TMPDIR` or `/tmp`).
    public init(in folder: String? = nil) throws(PublishError) {
        let folder = folder ?? FileManager.default.temporaryDirectory.path
        var template = Array((folder + "/tracepress-scratch-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard made >= 0 else { throw .io(path: name, doing: "create", reason: FileOutput.errorText()) }
        _ = fcntl(made, F_SETFD, FD_CLOEXEC)
        Glibc.unlink(name)
        // Set last, so a failed initializer leaves `deinit` nothing to close (see `BuildLock`).
        descriptor = made
        self.name = name
    }

    deinit { close(descriptor) }

    /// Adds bytes at the end.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(PublishError) {
        var offset = 0
        while offset < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset, off_t(size + offset))
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(path: name, doing: "write", reason: FileOutput.errorText())
            }
            offset += written
        }
        size += bytes.count
    }

    /// Fills `buffer` with the bytes from `offset` on; throws when fewer are there.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(PublishError) {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw .io(path: name, doing: "read", reason: count < 0 ? FileOutput.errorText() : "file ends early") }
            done += count
        }
    }
}

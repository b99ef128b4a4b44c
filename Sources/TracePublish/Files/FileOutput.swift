import Glibc

/// Plain POSIX file writes.
///
/// Foundation's `Data.write(to:)` and `FileManager.createFile` fsync every file on Linux, which
/// doubles the time of a 100,000-page build. Durability comes instead from building into a
/// staging folder and swapping it into place once (`SiteStaging.commit`).
enum FileOutput {
    static func errorText() -> String { String(cString: strerror(errno)) }

    /// Replaces `path` with a new file holding `bytes`.
    ///
    /// The old file is unlinked first, never truncated: in an incremental build it is a hard link
    /// shared with the published site, which must not change until the swap.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(PublishError) {
        try write(bytes, in: AT_FDCWD, name: path, path: path)
    }

    /// `write(_:to:)` for the file `name` inside an open folder; `path` names it in errors (made
    /// only for one: six files a batch).
    static func write(_ bytes: UnsafeRawBufferPointer, in folder: Int32, name: String, path: @autoclosure () -> String) throws(PublishError) {
        // Try to create it first: in a full build nothing is there, and an unlink that fails
        // costs as much as the open.
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC
        var descriptor = openat(folder, name, flags, 0o644)
        if descriptor < 0 && errno == EEXIST {
            unlinkat(folder, name, 0)
            descriptor = openat(folder, name, flags, 0o644)
        }
        guard descriptor >= 0 else { throw .io(path: path(), doing: "create", reason: errorText()) }
        try writeAll(bytes, to: descriptor, path: path())
    }

    /// Appends to `path`, creating it if needed (manifests are written in pieces).
    static func append(_ bytes: UnsafeRawBufferPointer, to path: String) throws(PublishError) {
        try writeAll(bytes, to: path, flags: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC)
    }

    static func unlink(_ path: String) { _ = Glibc.unlink(path) }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to path: String, flags: Int32) throws(PublishError) {
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw .io(path: path, doing: "create", reason: errorText()) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    /// Writes everything to an open file and closes it.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: @autoclosure () -> String) throws(PublishError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let reason = errorText()
                close(descriptor)
                throw .io(path: path(), doing: "write", reason: reason)
            }
            offset += written
        }
        guard close(descriptor) == 0 else { throw .io(path: path(), doing: "close", reason: errorText()) }
    }

    /// `mkdir -p`: creates the folder and its missing parents; an existing folder is fine, which
    /// also makes it safe when two render threads create the same parent at once.
    static func makeDirectories(_ path: String) throws(PublishError) {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
            throw .io(path: path, doing: "create folder", reason: errorText())
        }
        try makeDirectories(String(path[..<slash]))
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw .io(path: path, doing: "create folder", reason: errorText())
        }
    }
}

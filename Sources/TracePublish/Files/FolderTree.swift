import Dispatch
import Glibc
import Synchronization

/// Whole folder trees hard-linked or removed through folder descriptors (`linkat`, `mkdirat`,
/// `unlinkat` relative to an open folder, so the kernel does not walk a six-part path for each
/// of a large site's 600,000 files), with the subfolders of wide folders (a product's lots)
/// shared among threads. Written by hand: Foundation's `FileManager` copies rather than links,
/// walks by full paths and on one thread.
enum FolderTree {
    /// A folder with at least this many subfolders hands them out to threads.
    static let wideFolder = 64

    /// Threads for wide folders: the cores, at most four (the kernel's folder locks limit more).
    static var threads: Int { max(1, min(4, sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Recreates the tree at `source` under the existing folder `target` with hard links: same
    /// inodes, so contents and modification times stay exactly as published.
    ///
    /// - Parameters:
    ///   - skipped: Names at the top of `source` left out.
    ///   - skippedFolder: Folders left out (with all they hold), by path relative to `source`;
    ///     they are still created, empty, in `target` when missing.
    static func link(
        from source: String, to target: String, skipping skipped: Set<String>,
        skippingFolders skippedFolder: @Sendable (_ relativePath: String) -> Bool = { _ in false }
    ) throws(PublishError) {
        let sourceFolder = try openFolder(AT_FDCWD, source, path: source)
        defer { close(sourceFolder) }
        let targetFolder = try openFolder(AT_FDCWD, target, path: target)
        defer { close(targetFolder) }
        try link(sourceFolder, into: targetFolder, path: target, relative: "", skipping: skipped, skippingFolders: skippedFolder, parallel: true)
    }

    /// Removes a file, or a folder with everything in it; what cannot be removed stays.
    static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        if let folder = try? openFolder(AT_FDCWD, path, path: path) {
            removeContents(of: folder, parallel: true)
            close(folder)
        }
        rmdir(path)
    }

    private static func link(
        _ source: Int32, into target: Int32, path: String, relative: String, skipping skipped: Set<String>,
        skippingFolders skippedFolder: @Sendable (String) -> Bool, parallel: Bool
    ) throws(PublishError) {
        guard let entries = entries(of: source) else { throw .io(path: path, doing: "read folder", reason: FileOutput.errorText()) }
        var folders: [String] = []
        for entry in entries where !skipped.contains(entry.name) {
            if entry.isFolder {
                folders.append(entry.name)
            } else if linkat(source, entry.name, target, entry.name, 0) != 0 {
                throw .io(path: path + "/" + entry.name, doing: "link", reason: FileOutput.errorText())
            }
        }
        try forEach(folders, parallel: parallel) { name, nested throws(PublishError) in
            let childPath = path + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            guard mkdirat(target, name, 0o755) == 0 || errno == EEXIST else {
                throw .io(path: childPath, doing: "create folder", reason: FileOutput.errorText())
            }
            if skippedFolder(childRelative) { return }
            let childSource = try openFolder(source, name, path: childPath)
            defer { close(childSource) }
            let childTarget = try openFolder(target, name, path: childPath)
            defer { close(childTarget) }
            try link(childSource, into: childTarget, path: childPath, relative: childRelative, skipping: [], skippingFolders: skippedFolder, parallel: nested)
        }
    }

    private static func removeContents(of folder: Int32, parallel: Bool) {
        guard let entries = entries(of: folder) else { return }
        var folders: [String] = []
        for entry in entries {
            if entry.isFolder { folders.append(entry.name) } else { unlinkat(folder, entry.name, 0) }
        }
        try? forEach(folders, parallel: parallel) { name, nested in
            if let child = try? openFolder(folder, name, path: name) {
                removeContents(of: child, parallel: nested)
                close(child)
            }
            unlinkat(folder, name, AT_REMOVEDIR)
        }
    }

    private static func openFolder(_ parent: Int32, _ name: String, path: String) throws(PublishError) -> Int32 {
        let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .io(path: path, doing: "open folder", reason: FileOutput.errorText()) }
        return descriptor
    }

    /// The names in a folder (without `.` and `..`), and which are folders (not following links).
    private static func entries(of folder: Int32) -> [(name: String, isFolder: Bool)]? {
        let copy = dup(folder)
        guard copy >= 0 else { return nil }
        guard let stream = fdopendir(copy) else {
            close(copy)
            return nil
        }
        defer { closedir(stream) }
        // The copy shares its read position with `folder`: start from the top even when the
        // folder was read through it before.
        rewinddir(stream)
        var result: [(name: String, isFolder: Bool)] = []
        // `readdir` returns nil both at the end and on an error; only `errno` tells them apart,
        // and a list cut short would leave files out of a linked site without a word.
        errno = 0
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var isFolder = Int32(entry.pointee.d_type) == DT_DIR
            if Int32(entry.pointee.d_type) == DT_UNKNOWN {
                var info = stat()
                isFolder = fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            result.append((name, isFolder))
            errno = 0
        }
        return errno == 0 ? result : nil
    }

    /// Runs `body` for each name: on `threads` threads when `parallel` and there are many (the
    /// body is then told not to go parallel again), in order otherwise. Stops at the first error.
    private static func forEach(
        _ names: [String], parallel: Bool, _ body: @Sendable (String, _ nestedParallel: Bool) throws(PublishError) -> Void
    ) throws(PublishError) {
        let threads = Self.threads
        guard parallel && threads > 1 && names.count >= wideFolder else {
            for name in names { try body(name, parallel) }
            return
        }
        let next = Atomic<Int>(0)
        let failure = Mutex<PublishError?>(nil)
        // `threads` workers claim names until none are left.
        BuildQueue.concurrentPerform(iterations: threads) { _ in
            while failure.withLock({ $0 == nil }) {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < names.count else { return }
                do throws(PublishError) { try body(names[index], false) } catch { failure.withLock { $0 = $0 ?? error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

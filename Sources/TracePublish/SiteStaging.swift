import CFileSwap
import Foundation
import Synchronization

/// Builds a site in a staging folder beside the output and swaps it into place when complete.
///
/// An interrupted or failed build leaves the previous site exactly as it was: until `commit`,
/// nothing under the output path changes; `commit` exchanges the two folders in one atomic
/// `renameat2(RENAME_EXCHANGE)` where the kernel supports it. Every write is checked against
/// the staging root (`SitePath`), so no store text can place a file elsewhere.
public final class SiteStaging: Sendable {
    /// The folder users upload.
    public let outputPath: String
    /// Where the replaced site is kept for the next build (see `SpareSite`).
    let sparePath: String
    /// Whether this build started from the published files (hard links): only then does the
    /// replaced site share its unchanged files with the new one and cost little to keep.
    private let sharesFilesWithPublished: Bool
    /// Whether a spare is left beside the output for the next build (see `SpareSite`).
    private let keepsSpare: Bool
    /// Where this build writes until `commit`.
    public let stagingPath: String
    /// Where a full render grows the next spare, batch folder by batch folder (`writeFolder`),
    /// until `commit` renames it into place; nil when the build starts from the published files
    /// or keeps no spare.
    private let growingSparePath: String?
    /// Set when the growing spare lacks part of the staged batch folders (a link failed, or a
    /// folder came in by `linkFolder`): the spare is then linked whole after the swap.
    private let growingSpareIncomplete = Atomic<Bool>(false)
    /// A file that marks a folder as made by TracePress, so `--out` never replaces anything else.
    public static let markerFileName = ".tracepress-site"

    /// Creates an empty staging folder for `outputPath`, removing staging folders left by
    /// builds that were killed.
    ///
    /// - Throws: `PublishError.notASite` when `outputPath` exists, is not empty and was not made
    ///   by TracePress; `.io` when the folder cannot be created.
    /// - Parameter reusePrevious: Start from hard links to the published site (incremental
    ///   builds), so files the build does not rewrite keep their content and modification time.
    ///   Callers pass true only after verifying the published site's manifests.
    /// - Parameter keepSpare: Leave a spare beside the output for the next build to start from;
    ///   false for one-shot builds, whose next build (if any) then links the whole site itself.
    public init(publishingTo outputPath: String, reusePrevious: Bool = false, keepSpare: Bool = true) throws(PublishError) {
        var output = outputPath
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        self.outputPath = output
        let url = URL(fileURLWithPath: output)
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        try Self.refuseForeignFolder(output)
        try FileOutput.makeDirectories(parent)
        Self.removeLeftovers(in: parent, siteName: name)
        stagingPath = "\(parent)/.tracepress-staging-\(name)-\(getpid())"
        FolderTree.remove(stagingPath)
        try FileOutput.makeDirectories(stagingPath)
        sparePath = SpareSite.path(parent: parent, siteName: name)
        keepsSpare = keepSpare
        sharesFilesWithPublished = reusePrevious && FileManager.default.fileExists(atPath: output + "/" + Self.markerFileName)
        growingSparePath = keepSpare && !sharesFilesWithPublished ? "\(parent)/.tracepress-sparing-\(name)-\(getpid())" : nil
        if let growingSparePath { FolderTree.remove(growingSparePath) }
        if sharesFilesWithPublished {
            // Start from the spare (the site before this one) brought level with the published
            // site; if that cannot be done, link the whole published site.
            if rename(sparePath, stagingPath) == 0 && SpareSite.sync(spare: stagingPath, toPublished: output, publishedVerified: true) {
                FolderTree.remove(stagingPath + "/" + Manifest.folder)
            } else {
                FolderTree.remove(stagingPath)
                try FileOutput.makeDirectories(stagingPath)
                try FolderTree.link(from: output, to: stagingPath, skipping: [Manifest.folder, Self.markerFileName])
            }
        }
        try write(Array("TracePress output folder. Safe to delete; replaced whole by each build.\n".utf8), to: SitePath(Self.markerFileName))
    }

    private static func refuseForeignFolder(_ output: String) throws(PublishError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw .notASite(output) }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        if !contents.isEmpty && !contents.contains(markerFileName) { throw .notASite(output) }
    }

    /// Staging and old folders whose build process is gone.
    private static func removeLeftovers(in parent: String, siteName: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        for prefix in [".tracepress-staging-\(siteName)-", ".tracepress-old-\(siteName)-", ".tracepress-sparing-\(siteName)-"] {
            for leftover in names where leftover.hasPrefix(prefix) {
                guard let pid = Int32(leftover.dropFirst(prefix.count)) else { continue }
                if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                    FolderTree.remove("\(parent)/\(leftover)")
                }
            }
        }
    }

    /// Writes one file, creating its folder.
    public func write(_ bytes: [UInt8], to path: SitePath) throws(PublishError) {
        var failure: PublishError?
        bytes.withUnsafeBytes { raw in
            do { try write(raw, to: path) } catch { failure = error as? PublishError ?? .io(path: path.relative, doing: "write", reason: "\(error)") }
        }
        if let failure { throw failure }
    }

    func write(_ bytes: UnsafeRawBufferPointer, to path: SitePath) throws(PublishError) {
        let target = stagingPath + "/" + path.relative
        do {
            try FileOutput.write(bytes, to: target)
        } catch {
            guard let parent = path.parent else { throw error }
            try FileOutput.makeDirectories(stagingPath + "/" + parent.relative)
            try FileOutput.write(bytes, to: target)
        }
    }

    /// Writes a file only when its content differs from `previousHash` (or it does not exist yet).
    ///
    /// - Returns: The content's hash (`ContentHash`) and whether the file was written.
    @discardableResult
    public func write(_ bytes: [UInt8], to path: SitePath, unlessHashIs previousHash: String?) throws(PublishError) -> (hash: String, written: Bool) {
        let hash = ContentHash.hex(bytes)
        if hash == previousHash && exists(path) { return (hash, false) }
        try write(bytes, to: path)
        return (hash, true)
    }

    /// Hard-links a folder of another site (a shard's batch folder) into the staged site.
    public func linkFolder(_ path: SitePath, fromSite source: String) throws(PublishError) {
        growingSpareIncomplete.store(true, ordering: .relaxed)
        try makeFolder(path)
        try FolderTree.link(from: source + "/" + path.relative, to: stagingPath + "/" + path.relative, skipping: [])
    }

    /// Whether a file or folder exists in the staged site.
    public func exists(_ path: SitePath) -> Bool {
        var info = stat()
        return lstat(stagingPath + "/" + path.relative, &info) == 0
    }

    /// Removes a file or folder tree from the staged site (a batch that left the store).
    public func remove(_ path: SitePath) { FolderTree.remove(stagingPath + "/" + path.relative) }

    /// Creates a folder (and its parents) ahead of many writes into it.
    public func makeFolder(_ path: SitePath) throws(PublishError) {
        try FileOutput.makeDirectories(stagingPath + "/" + path.relative)
    }

    /// One file of a folder written by `writeFolder`.
    public struct FolderFile: Sendable {
        /// The path inside the folder, e.g. `index.html`, `en/index.html`.
        public let name: String
        public let bytes: [UInt8]
        /// The hash (`ContentHash`) the previous build recorded for it, if it wrote it at the same place.
        public let previousHash: String?

        public init(name: String, bytes: [UInt8], previousHash: String?) {
            self.name = name
            self.bytes = bytes
            self.previousHash = previousHash
        }
    }

    /// Writes a folder's files (a batch's pages, QR images and documents), each only when its
    /// content differs from its `previousHash`, and, in a full render that keeps a spare, links
    /// them into the spare it grows beside the site.
    ///
    /// Through folder descriptors: the kernel walks the long folder paths once per folder, not
    /// once per file (and side, for links); a 20,000-batch build spent 2% of its time in the
    /// walks for links and mkdir alone. Linking here, while the folder is at hand, replaces a
    /// pass over 600,000 files after the swap (see `linkSpare`).
    ///
    /// - Returns: Each file's hash (`ContentHash`) and whether it was written, in order.
    public func writeFolder(_ folder: SitePath, files: [FolderFile]) throws(PublishError) -> [(hash: String, written: Bool)] {
        let folderPath = stagingPath + "/" + folder.relative
        try FileOutput.makeDirectories(folderPath)
        let descriptor = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: folder.relative, doing: "open folder", reason: FileOutput.errorText()) }
        defer { close(descriptor) }
        var results: [(hash: String, written: Bool)] = []
        results.reserveCapacity(files.count)
        var made: Set<Substring> = [""]
        for file in files {
            // Checked here, named in full only in an error.
            guard (try? SitePath(file.name)) != nil else { throw .unsafePath(folder.relative + "/" + file.name) }
            let hash = ContentHash.hex(file.bytes)
            var info = stat()
            if hash == file.previousHash && fstatat(descriptor, file.name, &info, AT_SYMLINK_NOFOLLOW) == 0 {
                results.append((hash, false))
                continue
            }
            guard Self.makeParent(of: file.name, in: descriptor, made: &made) != nil else {
                throw .io(path: folder.relative + "/" + Self.parent(of: file.name), doing: "create folder", reason: FileOutput.errorText())
            }
            var failure: PublishError?
            file.bytes.withUnsafeBytes { bytes in
                do throws(PublishError) { try FileOutput.write(bytes, in: descriptor, name: file.name, path: folder.relative + "/" + file.name) } catch { failure = error }
            }
            if let failure { throw failure }
            results.append((hash, true))
        }
        addToSpare(folder, descriptor: descriptor, files: files.map(\.name))
        return results
    }

    /// The folder part of a path inside a folder: `en` for `en/index.html`, empty for `index.html`.
    private static func parent(of name: String) -> Substring { name.lastIndex(of: "/").map { name[..<$0] } ?? "" }

    /// Creates the folder `name` sits in, inside the open `folder`, unless `made` has it already
    /// (one level: `en/index.html`).
    ///
    /// - Returns: The folder part, or nil when it could not be created (`errno` says why).
    private static func makeParent(of name: String, in folder: Int32, made: inout Set<Substring>) -> Substring? {
        let parent = parent(of: name)
        if made.contains(parent) { return parent }
        guard mkdirat(folder, String(parent), 0o755) == 0 || errno == EEXIST else { return nil }
        made.insert(parent)
        return parent
    }

    /// Hard-links a folder's files, just written, into the spare a full render grows (nothing
    /// when the build started from the published files or keeps no spare).
    private func addToSpare(_ folder: SitePath, descriptor sourceFolder: Int32, files: [String]) {
        guard let growingSparePath, !growingSpareIncomplete.load(ordering: .relaxed) else { return }
        let target = growingSparePath + "/" + folder.relative
        guard (try? FileOutput.makeDirectories(target)) != nil else { return growingSpareIncomplete.store(true, ordering: .relaxed) }
        let targetFolder = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard targetFolder >= 0 else { return growingSpareIncomplete.store(true, ordering: .relaxed) }
        defer { close(targetFolder) }
        var made: Set<Substring> = [""]
        for file in files {
            guard Self.makeParent(of: file, in: targetFolder, made: &made) != nil else { return growingSpareIncomplete.store(true, ordering: .relaxed) }
            guard linkat(sourceFolder, file, targetFolder, file, 0) == 0 else { return growingSpareIncomplete.store(true, ordering: .relaxed) }
        }
    }

    /// Puts the staged site in place of the output folder and keeps the previous site as the
    /// spare the next build starts from.
    public func commit() throws(PublishError) {
        let parent = URL(fileURLWithPath: outputPath).deletingLastPathComponent().path
        let old = "\(parent)/.tracepress-old-\(URL(fileURLWithPath: outputPath).lastPathComponent)-\(getpid())"
        FolderTree.remove(sparePath)
        // Where the site this one replaces is now, if there was one.
        var replaced: String?
        if FileManager.default.fileExists(atPath: outputPath) {
            if tp_exchange_paths(stagingPath, outputPath) == 0 {
                replaced = stagingPath
            } else {
                // No atomic exchange here: two renames, with a moment where only `old` exists.
                guard rename(outputPath, old) == 0 else {
                    throw .io(path: outputPath, doing: "move aside", reason: FileOutput.errorText())
                }
                guard rename(stagingPath, outputPath) == 0 else {
                    let reason = FileOutput.errorText()
                    _ = rename(old, outputPath)
                    throw .io(path: outputPath, doing: "move into place", reason: reason)
                }
                replaced = old
            }
        } else {
            guard rename(stagingPath, outputPath) == 0 else {
                throw .io(path: outputPath, doing: "move into place", reason: FileOutput.errorText())
            }
        }
        // After a full render the replaced site shares no files with the new one, so keeping it
        // would double the disk used: remove it, and link the spare from the new site instead.
        if let replaced, !keepsSpare || !sharesFilesWithPublished || rename(replaced, sparePath) != 0 { FolderTree.remove(replaced) }
        if keepsSpare && !sharesFilesWithPublished { linkSpare() }
    }

    /// After a full render, makes the spare a copy of the site just published, as hard links.
    ///
    /// Without it the first incremental build after a full one had to link every published file
    /// into its staging folder itself: 4.8 s of a one-batch rebuild of 100,000 batches, against
    /// 1.3 s once a spare exists; the next build finds the spare already level
    /// (`SpareSite.sync`). A spare that cannot be made is removed: the next build then links the
    /// site as before.
    ///
    /// Batch folders (`01/<GTIN>/10/<lot>`) come into a staged site only through `writeFolder`,
    /// which links them into the growing spare as it writes them, or `linkFolder` (a merge of
    /// shards), which marks that spare incomplete. Unless it is, only the rest (product and site
    /// pages, assets, manifests: 1% of the files) is linked here. Linking
    /// everything here took 3.9–4.2 s of a 100,000-batch build on tmpfs (76 s of a 400,000-batch
    /// build's 411 s on a disk); this step now takes 0.2 s on tmpfs and 0.4–0.5 s on the disk,
    /// and the spare adds about 2 s to a 100,000-batch build on tmpfs in all (`keepSpare` false
    /// saves that).
    private func linkSpare() {
        if let growingSparePath, !growingSpareIncomplete.load(ordering: .relaxed) {
            do {
                // The batch folders are there already; link everything else beside them.
                try FileOutput.makeDirectories(growingSparePath)
                try FolderTree.link(from: outputPath, to: growingSparePath, skipping: [], skippingFolders: Self.isLotsFolder)
                if rename(growingSparePath, sparePath) == 0 { return }
            } catch {}
        }
        if let growingSparePath { FolderTree.remove(growingSparePath) }
        do {
            try FileOutput.makeDirectories(sparePath)
            try FolderTree.link(from: outputPath, to: sparePath, skipping: [])
        } catch {
            FolderTree.remove(sparePath)
        }
    }

    /// `01/<GTIN>/10`, which holds a product's batch folders and nothing else.
    private static func isLotsFolder(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "01" && parts[2] == "10"
    }

    /// Empties `.tracepress/changed-urls.txt` of a published site after a build that changed
    /// nothing, by writing a new empty file and renaming it over the old one.
    public static func clearChangedURLs(inPublishedSite site: String) throws(PublishError) {
        let path = site + "/" + Manifest.changedURLsFile
        let temporary = path + ".tmp-\(getpid())"
        try FileOutput.write(UnsafeRawBufferPointer(start: nil, count: 0), to: temporary)
        guard rename(temporary, path) == 0 else { throw .io(path: path, doing: "replace", reason: FileOutput.errorText()) }
    }

    /// Removes the staging folder; the output folder is untouched.
    public func discard() {
        FolderTree.remove(stagingPath)
        if let growingSparePath { FolderTree.remove(growingSparePath) }
    }
}

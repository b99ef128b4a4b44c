import Foundation
import Glibc

/// The site an incremental build replaced, kept beside the output as `.tracepress-spare-<name>`
/// so the next incremental build can start from it instead of hard-linking every published file
/// again. It shares every unchanged file with the published site (hard links), so it costs only
/// the files that changed. A site replaced by a full render shares nothing and is removed; the
/// spare is then linked from the new site itself, level with it from the start.
///
/// Double buffering: the spare is one build behind. Bringing it level with the published site
/// costs one relink per file that changed in that build, found by joining the two manifests;
/// a 100,000-batch site has 600,000 batch files, and relinking all of them took most of a
/// one-batch rebuild. Files are only ever unlinked and re-linked, never written in place, so
/// the published site (which shares their inodes) cannot change.
enum SpareSite {
    static func path(parent: String, siteName: String) -> String { "\(parent)/.tracepress-spare-\(siteName)" }

    /// Makes `spare` hold exactly the files of `published`, as hard links.
    ///
    /// - Parameter publishedVerified: The published manifests were verified by this process.
    /// - Returns: false when either manifest is missing or damaged; the caller then discards the
    ///   spare and links the whole site.
    static func sync(spare: String, toPublished published: String, publishedVerified: Bool) -> Bool {
        // The published site recorded the paths it changed over the site now the spare: relink
        // those and nothing else (a one-batch rebuild changes a dozen files of 600,000).
        let identity = Manifest.identity(ofSite: spare)
        // Linked from the published site by the full render that published it: already level.
        if let identity, identity == Manifest.identity(ofSite: published) { return true }
        if let identity, let paths = ChangedPaths.paths(inSite: published, over: identity) {
            while let path = paths.next(), !path.hasPrefix("checksum\t") {
                guard relink(file: path, from: published, to: spare) else { return fullSync(spare: spare, toPublished: published, publishedVerified: publishedVerified) }
            }
            return true
        }
        return fullSync(spare: spare, toPublished: published, publishedVerified: publishedVerified)
    }

    /// Makes the spare's copy of one file what the published site has: a link to the same file,
    /// or gone (with folders it leaves empty) when the published site has none.
    private static func relink(file path: String, from published: String, to spare: String) -> Bool {
        let target = spare + "/" + path
        unlink(target)
        var info = stat()
        guard stat(published + "/" + path, &info) == 0 else {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard rmdir(spare + "/" + folder) == 0 else { break }
            }
            return true
        }
        if let slash = path.lastIndex(of: "/"), (try? FileOutput.makeDirectories(spare + "/" + path[..<slash])) == nil { return false }
        return link(published + "/" + path, target) == 0
    }

    /// Compares both sites' manifests and relinks every batch folder and file that differs.
    private static func fullSync(spare: String, toPublished published: String, publishedVerified: Bool) -> Bool {
        guard let spareBatches = try? ManifestBatchReader.open(site: spare),
            let publishedBatches = try? ManifestBatchReader.open(site: published, verified: publishedVerified),
            var spareFiles = try? ManifestFiles.load(site: spare),
            var publishedFiles = try? ManifestFiles.load(site: published, verified: publishedVerified),
            let spareListings = try? ListingManifest.open(site: spare),
            let publishedListings = try? ListingManifest.open(site: published, verified: publishedVerified)
        else { return false }
        spareFiles.merge(spareListings.hashesByPath()) { first, _ in first }
        publishedFiles.merge(publishedListings.hashesByPath()) { first, _ in first }
        do {
            while spareBatches.peek != nil || publishedBatches.peek != nil {
                let old = spareBatches.peek
                let new = publishedBatches.peek
                if let old, new == nil || old.id < new!.id {
                    FolderTree.remove(spare + "/" + old.folder)
                    _ = spareBatches.next()
                } else if let new, old == nil || new.id < old!.id {
                    try relink(folder: new.folder, from: published, to: spare)
                    _ = publishedBatches.next()
                } else if let old, let new {
                    if old != new {
                        FolderTree.remove(spare + "/" + old.folder)
                        try relink(folder: new.folder, from: published, to: spare)
                    }
                    _ = spareBatches.next()
                    _ = publishedBatches.next()
                }
            }
            for path in Set(spareFiles.keys).union(publishedFiles.keys).sorted() where spareFiles[path] != publishedFiles[path] {
                unlink(spare + "/" + path)
                guard publishedFiles[path] != nil else { continue }
                if let slash = path.lastIndex(of: "/") { try FileOutput.makeDirectories(spare + "/" + path[..<slash]) }
                guard link(published + "/" + path, spare + "/" + path) == 0 else { return false }
            }
            return true
        } catch {
            return false
        }
    }

    private static func relink(folder: String, from published: String, to spare: String) throws(PublishError) {
        FolderTree.remove(spare + "/" + folder)
        try FileOutput.makeDirectories(spare + "/" + folder)
        try FolderTree.link(from: published + "/" + folder, to: spare + "/" + folder, skipping: [])
    }
}

import Foundation

/// The default `Templates/` and `Public/` a new site starts from, carried inside the binary so
/// `tracepress init` works anywhere, not only in a clone of this repository.
///
/// The files themselves are embedded at build time from the repository's own folders by the
/// EmbedStarter plugin (`StarterSite.embedded`, in the plugin's generated source).
public enum StarterSite {
    /// The folders a site's files go into, in the order they are written.
    public static let folders = ["Templates", "Public"]

    /// Every embedded file, by path inside the site's folder, with its bytes.
    static var files: [(path: String, bytes: Data)] {
        embedded.map { file in
            guard let bytes = Data(base64Encoded: file.base64) else { preconditionFailure("\(file.path) was embedded as invalid base64") }
            return (file.path, bytes)
        }
    }

    /// Writes the default templates and assets into `folder` (created if missing).
    ///
    /// All or nothing: the files are written into a hidden staging folder beside them and each
    /// top-level folder is moved into place whole, so a failure leaves no half-written
    /// `Templates/`. A `Templates/` or `Public/` that already exists and is not empty is never
    /// touched; the call fails before writing anything.
    /// - Returns: How many files went into each folder, in `folders` order.
    @discardableResult
    public static func write(into folder: String) throws(StarterError) -> [(folder: String, files: Int)] {
        let manager = FileManager.default
        var folderIsFolder: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &folderIsFolder), !folderIsFolder.boolValue { throw .notAFolder(folder) }
        for name in folders {
            let target = path(name, in: folder)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: target, isDirectory: &isFolder) else { continue }
            let isEmptyFolder = isFolder.boolValue && ((try? manager.contentsOfDirectory(atPath: target))?.isEmpty ?? false)
            if !isEmptyFolder { throw .alreadyThere(target) }
        }
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(folder, reason: Self.reason(error))
        }

        let staging = folder + "/.tracepress-init-\(getpid())"
        defer { try? manager.removeItem(atPath: staging) }
        let files = Self.files
        for file in files {
            let staged = staging + "/" + file.path
            do {
                try manager.createDirectory(atPath: (staged as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try file.bytes.write(to: URL(fileURLWithPath: staged))
            } catch {
                throw .cannotWrite(path(file.path, in: folder), reason: Self.reason(error))
            }
        }
        var moved: [String] = []
        for name in folders {
            // rename(2) replaces an empty folder of the same name in one step.
            guard rename(staging + "/" + name, folder + "/" + name) == 0 else {
                let reason = String(cString: strerror(errno))
                // Back into the staging folder, which goes: no site gets only some folders.
                for done in moved { _ = rename(folder + "/" + done, staging + "/" + done) }
                throw .cannotWrite(path(name, in: folder), reason: reason)
            }
            moved.append(name)
        }
        return folders.map { name in (name, files.count { $0.path.hasPrefix(name + "/") }) }
    }

    /// `name` inside `folder`, said the way people type it (`Templates`, not `./Templates`).
    private static func path(_ name: String, in folder: String) -> String {
        folder == "." ? name : folder + "/" + name
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

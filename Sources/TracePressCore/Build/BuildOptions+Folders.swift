import Foundation

extension BuildOptions {
    /// Checks that the build's inputs and its output are apart: a build replaces the output
    /// folder whole (and keeps the replaced one as the next build's spare, then drops it), so a
    /// store, `Templates/` or `Public/` inside it would be deleted; and an output inside
    /// `Templates/` or `Public/` would be copied into the next build's site (growing without
    /// end) or watched by `serve`, which would rebuild forever.
    ///
    /// Paths are compared absolute, with symbolic links resolved as far as they exist. The
    /// output itself may not be a symbolic link: the build swaps folders by renaming, which
    /// would move the link, not the folder it points to.
    /// - Throws: `BuildError.overlappingFolders` naming both paths, `.outputIsALink`.
    public func checkFolders() throws(BuildError) {
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: Self.trimmed(outputPath))) != nil {
            throw .outputIsALink(outputPath, target: URL(fileURLWithPath: Self.trimmed(outputPath)).resolvingSymlinksInPath().path)
        }
        let output = Self.absolute(outputPath)
        for (what, path) in [("store", storePath), ("templates folder", templatesPath), ("public folder", publicPath)]
        where Self.isInside(Self.absolute(path), output) {
            throw .overlappingFolders(
                "the \(what) '\(path)' is inside the output folder '\(outputPath)', which every build replaces whole: "
                    + "it would be deleted; keep it outside the output folder")
        }
        for (what, path) in [("templates folder", templatesPath), ("public folder", publicPath)]
        where Self.isInside(output, Self.absolute(path)) {
            throw .overlappingFolders(
                "the output folder '\(outputPath)' is inside the \(what) '\(path)': every build would copy or watch its own "
                    + "output; put it beside, e.g. --out _site")
        }
    }

    /// `path` from the working folder, standardised, its existing part's symbolic links resolved
    /// (an output folder may not exist yet).
    static func absolute(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.pathComponents.count > 1 {
            missing.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        let resolved = url.resolvingSymlinksInPath().path
        return missing.isEmpty ? resolved : (resolved == "/" ? "" : resolved) + "/" + missing.joined(separator: "/")
    }

    /// `path` without trailing slashes (`site/` names the link itself only without one).
    static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// Whether `path` is `folder` or lies inside it.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }
}

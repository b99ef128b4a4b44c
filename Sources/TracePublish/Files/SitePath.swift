/// A path inside the output folder, checked so that nothing a store contains can make the build
/// write outside it: relative, no empty, `.` or `..` segments, no NUL, no backslash.
public struct SitePath: Hashable, Sendable, CustomStringConvertible {
    /// Segments joined by `/`.
    public let relative: String

    /// - Parameter relative: e.g. `01/09521234543213/10/24A0113/index.html`.
    /// - Throws: `PublishError.unsafePath` naming the path.
    public init(_ relative: String) throws(PublishError) {
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.hasPrefix("/"),
            segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
            !relative.contains("\0"), !relative.contains("\\")
        else { throw .unsafePath(relative) }
        self.relative = relative
    }

    /// The folder part, or nil for a file at the top of the site.
    public var parent: SitePath? {
        guard let slash = relative.lastIndex(of: "/") else { return nil }
        return try? SitePath(String(relative[..<slash]))
    }

    /// `self/child`.
    public func appending(_ child: String) throws(PublishError) -> SitePath {
        // This path is already checked: only the added part needs to be (six files a batch).
        guard (try? SitePath(child)) != nil else { throw .unsafePath(relative + "/" + child) }
        return SitePath(checked: relative + "/" + child)
    }

    private init(checked relative: String) { self.relative = relative }

    public var description: String { relative }
}

/// A path inside the output folder, checked so that nothing a store contains can make the build
/// write outside it: relative, no empty, `.` or `..` segments, no NUL, no backslash.
public struct SitePath: Hashable, Sendable, CustomStringConvertible {
    /// Segments joined by `/`.
    public let relative: String

    /// - Parameter relative: e.g. `01/09521234543213/10/24A0113/index.html`.
    /// - Throws: `PublishError.unsafePath` naming the path.
    public init(_ relative: String) throws(PublishError) {
        guard Self.isSafe(relative) else { throw .unsafePath(relative) }
        self.relative = relative
    }

    /// Checked byte by byte, as the kernel will read the path: a `/`, `.` or NUL followed by a
    /// combining mark is one `Character` to Swift but still a separator, a dot or a NUL to the
    /// file system; and grapheme-by-grapheme scanning was the cost of this check (seven paths a
    /// batch).
    private static func isSafe(_ relative: String) -> Bool {
        var segmentLength = 0
        var segmentDots = 0
        // An empty segment (a leading, doubled or trailing slash, or no path at all), `.` or `..`.
        func segmentIsBad() -> Bool { segmentLength == 0 || segmentDots == segmentLength && segmentLength <= 2 }
        for byte in relative.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if segmentIsBad() { return false }
                segmentLength = 0
                segmentDots = 0
                continue
            case 0, UInt8(ascii: "\\"): return false
            case UInt8(ascii: "."): segmentDots += 1
            default: break
            }
            segmentLength += 1
        }
        return !segmentIsBad()
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

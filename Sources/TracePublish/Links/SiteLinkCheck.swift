import Foundation

/// A link from a page of the site to something the site does not have.
public struct BrokenLink: Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// No file at the path.
        case missing
        /// A folder without an `index.html`, which a host answers with 404 (or a listing).
        case folderWithoutIndex
        /// `..` past the top of the site.
        case outsideSite
        /// The page exists but has no element with this id.
        case missingFragment(String)
    }

    /// The page that links, as a path in the site.
    public var page: String
    /// The URL as the page writes it.
    public var url: String
    /// Where it leads, as a path in the site (empty for the top).
    public var target: String
    public var problem: Problem

    /// What is wrong, without the page: e.g. `images/cow.png is not in the site`.
    public var reason: String {
        switch problem {
        case .missing: "\(target) is not in the site"
        case .folderWithoutIndex: "the folder \(target)/ has no index.html"
        case .outsideSite: "it leads outside the site's folder"
        case .missingFragment(let id): "\(target.isEmpty ? "index.html" : target) has no element with id \"\(id)\""
        }
    }

    public var description: String { "\(page) links to \"\(url)\": \(reason)" }
}

/// Follows the links of a site's pages to its own files: the relative ones, root-relative ones,
/// and absolute ones under the site's base URL. Others (other hosts, `tel:`, `geo:`) are not
/// followed.
///
/// What it checks is a finished site in a folder (a build's staging folder before the swap), so
/// what it finds is what a visitor would get from a host serving that folder: a folder answers
/// with its `index.html`.
public struct SiteLinkCheck {
    private let root: String
    private let baseURL: String
    private var pathKinds: [String: PathKind] = [:]
    private var pageIDs: [String: Set<String>] = [:]

    private enum PathKind { case file, folderWithIndex, folderWithoutIndex, missing }

    /// - Parameters:
    ///   - root: The site's folder.
    ///   - baseURL: Where the site is published, without a trailing slash: absolute links under
    ///     it are followed into the folder.
    public init(root: String, baseURL: String) {
        self.root = root
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    /// The broken links of one page or stylesheet (by its extension), in the order it has them.
    ///
    /// - Parameter page: A path in the site, e.g. `01/09521231000016/index.html`.
    public mutating func brokenLinks(of page: String) -> [BrokenLink] {
        guard let bytes = FileManager.default.contents(atPath: root + "/" + page).map(Array.init) else { return [] }
        let links = page.hasSuffix(".css") ? PageLinks(css: bytes) : PageLinks(html: bytes)
        if !page.hasSuffix(".css") { pageIDs[page] = links.ids }
        // With a `<base href>`, relative links (and `#id`s) are read from the document it names;
        // one on another host leaves the page no relative link of ours to follow.
        var from: String? = page
        if let base = links.base { from = baseDocument(base, of: page) }
        var broken: [BrokenLink] = []
        for link in links.links {
            if let problem = check(link, on: page, resolvingFrom: from) { broken.append(problem) }
        }
        return broken
    }

    /// `url` as a path from the top of the site when it is absolute and under the base URL,
    /// unchanged when it is relative; nil when it leads to another host (or is a `tel:`, `geo:`…).
    private func inSite(_ url: Substring) -> (url: Substring, isAbsolute: Bool)? {
        guard Self.hasScheme(url) || url.hasPrefix("//") else { return (url, false) }
        guard url.hasPrefix(baseURL), url.count == baseURL.count || "/#?".contains(url[url.index(url.startIndex, offsetBy: baseURL.count)]) else {
            return nil
        }
        return ("/" + url.dropFirst(baseURL.count).drop(while: { $0 == "/" }), true)
    }

    /// The document in the site a `<base href>` names, as a path from the top (a folder's
    /// `index.html`); nil when it is on another host.
    private func baseDocument(_ base: String, of page: String) -> String? {
        guard let url = inSite(Substring(base).trimmingASCIISpaces())?.url, let resolved = Self.resolve(url, from: page) else { return nil }
        guard resolved.isFolder else { return resolved.path }
        return resolved.path.isEmpty ? "index.html" : resolved.path + "/index.html"
    }

    /// - Parameter from: The document relative links are read from (the page, or its `<base>`);
    ///   nil when they lead to another host.
    private mutating func check(_ link: PageLinks.Link, on page: String, resolvingFrom from: String?) -> BrokenLink? {
        let written = Substring(link.url).trimmingASCIISpaces()
        guard !written.isEmpty, let (absoluteURL, isAbsolute) = inSite(written) else { return nil }
        guard isAbsolute || !link.onlyIfAbsolute, let from = isAbsolute ? page : from else { return nil }
        var url = absoluteURL
        var fragment: Substring?
        if let hash = url.firstIndex(of: "#") {
            fragment = url[url.index(after: hash)...]
            url = url[..<hash]
        }
        if let question = url.firstIndex(of: "?") { url = url[..<question] }

        let target: String
        let expectsFolder: Bool
        if url.isEmpty {
            target = from
            expectsFolder = false
        } else {
            guard let resolved = Self.resolve(url, from: from) else {
                return BrokenLink(page: page, url: link.url, target: "", problem: .outsideSite)
            }
            target = resolved.path
            expectsFolder = resolved.isFolder
        }

        var file = target
        switch expectsFolder ? folderKind(target) : kind(of: target) {
        case .file: break
        case .folderWithIndex: file = target.isEmpty ? "index.html" : target + "/index.html"
        case .folderWithoutIndex: return BrokenLink(page: page, url: link.url, target: target, problem: .folderWithoutIndex)
        case .missing: return BrokenLink(page: page, url: link.url, target: target, problem: .missing)
        }
        guard let fragment, !fragment.isEmpty, fragment != "top", file.hasSuffix(".html") else { return nil }
        let id = Self.percentDecoded(fragment)
        guard !ids(of: file).contains(id) else { return nil }
        return BrokenLink(page: page, url: link.url, target: file, problem: .missingFragment(id))
    }

    /// The page's ids, read once.
    private mutating func ids(of file: String) -> Set<String> {
        if let known = pageIDs[file] { return known }
        let ids = FileManager.default.contents(atPath: root + "/" + file).map { PageLinks(html: Array($0)).ids } ?? []
        pageIDs[file] = ids
        return ids
    }

    private mutating func kind(of path: String) -> PathKind {
        if let known = pathKinds[path] { return known }
        var status = stat()
        let kind: PathKind
        if stat(root + "/" + path, &status) != 0 {
            kind = .missing
        } else if status.st_mode & S_IFMT == S_IFDIR {
            kind = folderKind(path)
        } else {
            kind = .file
        }
        pathKinds[path] = kind
        return kind
    }

    private mutating func folderKind(_ path: String) -> PathKind {
        let index = path.isEmpty ? "index.html" : path + "/index.html"
        switch kind(of: index) {
        case .file: return .folderWithIndex
        default:
            var status = stat()
            return stat(root + "/" + path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR ? .folderWithoutIndex : .missing
        }
    }

    /// `url`'s path in the site, read from `page`'s folder (or from the top when it starts with
    /// `/`), percent-decoded; nil when `..` climbs past the top. Byte by byte: a listing page has
    /// a hundred links, and splitting each by `Character` was most of this check's time.
    static func resolve(_ url: Substring, from page: String) -> (path: String, isFolder: Bool)? {
        let slash = UInt8(ascii: "/")
        var segments: [ArraySlice<UInt8>] = []
        if url.utf8.first != slash { segments = Array(Array(page.utf8).split(separator: slash).dropLast()) }
        var isFolder = false
        for part in Array(url.utf8).split(separator: slash, omittingEmptySubsequences: false) {
            switch part.count {
            case 0: isFolder = true
            case 1 where part.first == UInt8(ascii: "."): isFolder = true
            case 2 where part.allSatisfy({ $0 == UInt8(ascii: ".") }):
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
                isFolder = true
            default:
                segments.append(percentDecoded(part))
                isFolder = false
            }
        }
        return (String(decoding: Array(segments.joined(separator: [slash])), as: UTF8.self), isFolder)
    }

    /// Whether `url` starts with a scheme (`https:`, `tel:`…), as RFC 3986 spells one.
    static func hasScheme(_ url: Substring) -> Bool {
        guard let first = url.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        for scalar in url.unicodeScalars {
            switch scalar {
            case ":": return true
            case "a"..."z", "A"..."Z", "0"..."9", "+", "-", ".": continue
            default: return false
            }
        }
        return false
    }

    static func percentDecoded(_ text: Substring) -> String {
        String(decoding: percentDecoded(Array(text.utf8)[...]), as: UTF8.self)
    }

    /// `%XX` made the byte it spells; anything else left as written.
    static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard bytes.contains(UInt8(ascii: "%")) else { return bytes }
        var decoded: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return decoded[...]
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

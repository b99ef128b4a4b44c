/// Checks a site base URL: absolute http(s), a host, no query or fragment; trailing slashes dropped.
///
/// The base is printed into every QR code, so it is checked before anything is rendered.
enum BaseURL {
    static func validated(_ raw: String) throws(BuildError) -> String {
        var url = Substring(raw)
        while url.hasSuffix("/") { url = url.dropLast() }
        let scheme: Substring
        if url.hasPrefix("https://") { scheme = "https://" } else if url.hasPrefix("http://") { scheme = "http://" } else {
            throw .badBaseURL(raw)
        }
        let rest = url.dropFirst(scheme.count)
        let host = rest.prefix(while: { $0 != "/" })
        guard !host.isEmpty, !url.contains(where: { $0 == "?" || $0 == "#" || $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }),
            url.allSatisfy({ $0.isASCII })
        else { throw .badBaseURL(raw) }
        return String(url)
    }
}

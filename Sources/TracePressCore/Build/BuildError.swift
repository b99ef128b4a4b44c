public import TraceModel

/// Why a build did not publish. The previous site is untouched in every case.
public enum BuildError: Error, CustomStringConvertible {
    /// The store has rows that would make a page claim what the data does not support.
    case inconsistentStore([StoreProblem])
    /// The base URL is not an absolute http(s) URL without query or fragment.
    case badBaseURL(String)
    /// Neither `--base-url` nor the store's `base_url` says where the site lives.
    case noBaseURL
    /// A setting is out of range.
    case badOption(String)
    /// The `Public/` folder given (or the default) does not exist: the pages would link a
    /// stylesheet and images that are not there.
    case missingPublicFolder(String)
    /// The output folder and an input overlap (`BuildOptions.checkFolders`).
    case overlappingFolders(String)
    /// Pages link to files the site does not have, and `--strict` was given (`LinkCheckStep`):
    /// each finding as a line.
    case brokenLinks([String])
    /// `--out` is a symbolic link (swapping folders by renaming would replace the link).
    case outputIsALink(String, target: String)

    public var description: String {
        switch self {
        case .inconsistentStore(let problems):
            "the store has \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was published "
                + "(run `tracepress check` for the full list)"
        case .badBaseURL(let url):
            "base URL '\(url)' must be https:// or http:// followed by a host, with no query, fragment or spaces"
        case .noBaseURL:
            "no base URL: pass --base-url https://trace.example.com or set base_url in the store's store_info table"
        case .badOption(let message):
            message
        case .brokenLinks(let findings):
            "\(findings.count) broken link\(findings.count == 1 ? "" : "s") with --strict, nothing was published:\n"
                + findings.joined(separator: "\n")
        case .overlappingFolders(let message):
            message
        case .outputIsALink(let path, let target):
            "the output folder '\(path)' is a symbolic link to '\(target)': a build puts the new site in place by renaming, "
                + "which would replace the link, not that folder; pass the folder itself, --out \(target)"
        case .missingPublicFolder(let folder):
            "public folder '\(folder)' does not exist: pass --public with the folder of the site's stylesheets and images, "
                + "or write the default ones with `tracepress init`"
        }
    }
}

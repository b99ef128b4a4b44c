// starter-embedder OUTPUT ROOT FILE…: writes OUTPUT, a Swift file holding each FILE (a path
// under ROOT) as base64 (any bytes, text or images), for the `TraceStarter` module. Run by the
// EmbedStarter build plugin, which lists the files; never committed.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: starter-embedder OUTPUT ROOT FILE...\n".utf8))
    exit(2)
}
let output = arguments[1]
let root = arguments[2].hasSuffix("/") ? arguments[2] : arguments[2] + "/"

var entries: [(path: String, base64: String)] = []
for file in arguments[3...] {
    guard file.hasPrefix(root) else {
        FileHandle.standardError.write(Data("starter-embedder: \(file) is not inside \(root)\n".utf8))
        exit(1)
    }
    do {
        entries.append((String(file.dropFirst(root.count)), try Data(contentsOf: URL(fileURLWithPath: file)).base64EncodedString()))
    } catch {
        FileHandle.standardError.write(Data("starter-embedder: cannot read \(file): \(error)\n".utf8))
        exit(1)
    }
}
// Sorted by path, so the same folders always give the same file (and `init` the same order).
entries.sort { $0.path < $1.path }

var source = """
    // Generated at build time by the EmbedStarter plugin from Templates/ and Public/.

    extension StarterSite {
        /// Every file of the default `Templates/` and `Public/`, by path inside the site's folder,
        /// as base64.
        static let embedded: [(path: String, base64: String)] = [

    """
for entry in entries {
    // Paths are the repository's own file names; escape quotes and backslashes all the same.
    let path = entry.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    source += "        (\"\(path)\", \"\(entry.base64)\"),\n"
}
source += "    ]\n}\n"
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("starter-embedder: cannot write \(output): \(error)\n".utf8))
    exit(1)
}

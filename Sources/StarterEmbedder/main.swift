// starter-embedder OUTPUT ROOT FOLDER…: writes OUTPUT, a Swift file holding every file under
// ROOT/FOLDER… as base64 (any bytes, text or images), for the `TraceStarter` module. Run by the
// EmbedStarter build plugin at build time; never committed.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: starter-embedder OUTPUT ROOT FOLDER...\n".utf8))
    exit(2)
}
let output = arguments[1]
let root = URL(fileURLWithPath: arguments[2])

var entries: [(path: String, base64: String)] = []
for folder in arguments[3...] {
    let base = root.appendingPathComponent(folder)
    // Hidden files (an editor's swap file, a `.DS_Store`) are not part of the theme.
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: .skipsHiddenFiles)
    else { continue }
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        guard url.path.hasPrefix(base.path + "/") else {
            FileHandle.standardError.write(Data("starter-embedder: \(url.path) is not inside \(base.path)\n".utf8))
            exit(1)
        }
        let relative = folder + "/" + url.path.dropFirst(base.path.count + 1)
        do {
            entries.append((relative, try Data(contentsOf: url).base64EncodedString()))
        } catch {
            FileHandle.standardError.write(Data("starter-embedder: cannot read \(url.path): \(error)\n".utf8))
            exit(1)
        }
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

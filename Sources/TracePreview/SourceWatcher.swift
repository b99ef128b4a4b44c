import Foundation

/// Notices changes to the store, `Templates/` and `Public/` by polling their files' sizes and
/// modification times: portable, and cheap for folders a marketing team edits by hand.
struct SourceWatcher {
    let paths: [String]

    /// A value that changes whenever a watched file is added, removed, resized or touched.
    func fingerprint() -> String {
        var parts: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                parts.append("\(path):missing")
                continue
            }
            if !isDirectory.boolValue {
                parts.append(describe(path))
                // SQLite in WAL mode writes beside the store first.
                for suffix in ["-wal", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) {
                    parts.append(describe(path + suffix))
                }
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var files: [String] = []
            while let relative = enumerator?.nextObject() as? String { files.append(relative) }
            for relative in files.sorted() { parts.append(describe(path + "/" + relative)) }
        }
        return parts.joined(separator: "\n")
    }

    private func describe(_ path: String) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path):\(size):\(modified)"
    }
}

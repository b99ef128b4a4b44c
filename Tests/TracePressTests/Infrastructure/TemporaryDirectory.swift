import Foundation

/// A fresh folder under the system temp directory, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init(_ label: String = "tracepress") {
        path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

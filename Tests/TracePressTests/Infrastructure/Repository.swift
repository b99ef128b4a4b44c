import Foundation

/// Paths inside this repository, so tests render with the real `Templates/` and `Public/`.
enum Repository {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static var templates: String { root + "/Templates" }
    static var publicFolder: String { root + "/Public" }

    /// The `tracepress` executable built beside the test bundle.
    static var executable: String {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleFolder, bundleFolder.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("tracepress").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root + "/.build/debug/tracepress"
    }
}

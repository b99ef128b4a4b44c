import Foundation
import GRDB
import TraceDemo
import TraceModel
import TracePressCore
import TraceStore
import Testing

/// Stores and builds seeded from code: the demo generator, then SQL to break what a test needs broken.
enum Fixtures {
    /// Writes a demo store with `batches` batches into `directory` and returns its path.
    static func demoStore(in directory: TemporaryDirectory, batches: Int = 12, name: String = "trace.sqlite") throws -> String {
        let path = directory.file(name)
        try DemoStoreGenerator(batchCount: batches, seed: 7).write(to: path)
        return path
    }

    /// Builds a demo store of `batches` batches (broken first by `tamper`, when given) into a
    /// site in `directory`, with the repository's templates; the store's and the site's paths.
    static func demoSite(in directory: TemporaryDirectory, batches: Int, tamper sql: String? = nil) throws -> (store: String, site: String) {
        let store = try demoStore(in: directory, batches: batches)
        if let sql { try tamper(store, sql) }
        let site = directory.file("site")
        _ = try SiteBuilder(options: options(store: store, out: site)).build()
        return (store, site)
    }

    /// Runs SQL against a store with foreign keys off, as an outside tool (the sqlite3 shell) would.
    static func tamper(_ path: String, _ sql: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in try db.execute(sql: sql) }
    }

    /// Runs SQL as TracePress itself would: foreign keys on, so deletes cascade.
    static func execute(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }

    /// Build options pointing at the repository's templates and public folder.
    static func options(store: String, out: String) -> BuildOptions {
        var options = BuildOptions()
        options.storePath = store
        options.outputPath = out
        options.templatesPath = Repository.templates
        options.publicPath = Repository.publicFolder
        options.chunkSize = 5  // several chunks even for small stores
        return options
    }

    /// Build options over a demo store and copies of the repository's templates (and, with
    /// `copyingPublic`, its public folder) in `directory`, for tests that edit them.
    static func editableOptions(in directory: TemporaryDirectory, batches: Int, copyingPublic: Bool = false) throws -> BuildOptions {
        var options = Self.options(store: try demoStore(in: directory, batches: batches), out: directory.file("site"))
        options.templatesPath = directory.file("Templates")
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: options.templatesPath)
        if copyingPublic {
            options.publicPath = directory.file("Public")
            try FileManager.default.copyItem(atPath: Repository.publicFolder, toPath: options.publicPath)
        }
        return options
    }

    /// Replaces `text` in the file at `path`, which must contain it.
    static func edit(_ path: String, replacing text: String, with replacement: String) throws {
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try #require(original.contains(text), "\(path) has no \(text)")
        try original.replacingOccurrences(of: text, with: replacement).write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Every regular file under `folder` with its bytes, for before/after comparisons.
    static func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for relative in paths(in: folder) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory)
            guard !isDirectory.boolValue else { continue }
            // A file listed but unreadable is a finding, not a file to leave out of the picture.
            guard let bytes = FileManager.default.contents(atPath: folder + "/" + relative) else {
                Issue.record("could not read \(relative) in \(folder): \(String(cString: strerror(errno)))")
                continue
            }
            files[relative] = bytes
        }
        return files
    }

    /// What builds left beside their sites in `folder` that they should not have: staging, old
    /// or half-grown spare folders (the lock files and the spares stay by design).
    static func buildLeftovers(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasPrefix(".tracepress") && !$0.hasPrefix(".tracepress-lock-") && !$0.hasPrefix(".tracepress-spare-")
        }
    }

    /// The paths of everything under `folder` (files and folders), without reading a file: for
    /// a folder a build is still writing (files come and go there, which `snapshot` reports).
    static func paths(in folder: String) -> [String] {
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String { paths.append(relative) }
        return paths
    }

    /// Batch page folders (`01/<gtin>/10/<lot>`) under a site, built or being built (their `en/`
    /// pages aside).
    static func batchFolders(in site: String) -> [String] {
        paths(in: site).filter { $0.hasPrefix("01/") && $0.hasSuffix("/index.html") && $0.contains("/10/") && !$0.hasSuffix("/en/index.html") }
            .map { String($0.dropLast("/index.html".count)) }.sorted()
    }
}

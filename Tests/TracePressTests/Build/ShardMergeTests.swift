import Foundation
import Testing
import TracePressCore
import TracePublish

@Suite("sharded builds: shard + merge equals a single build")
struct ShardMergeTests {
    @Test("three shards merged are byte for byte a single build")
    func mergeEqualsSingleBuild() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 30)
        let single = directory.file("single")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: single)).build()

        var shardFolders: [String] = []
        var sizes: [Int] = []
        for index in 1...3 {
            var options = Fixtures.options(store: store, out: directory.file("shard-\(index)"))
            options.shard = try Shard(parsing: "\(index)/3")
            let report = try SiteBuilder(options: options).build()
            sizes.append(report.rendered)
            shardFolders.append(options.outputPath)
        }
        #expect(sizes.reduce(0, +) == 30)
        #expect(sizes.allSatisfy { $0 > 0 && $0 < 30 })

        let merged = directory.file("merged")
        let report = try SiteMerger(options: Fixtures.options(store: store, out: merged), shardPaths: shardFolders).merge()
        #expect(report.unchanged == 30)
        var expected = Fixtures.snapshot(single)
        var actual = Fixtures.snapshot(merged)
        expected[Manifest.changedURLsFile] = nil
        actual[Manifest.changedURLsFile] = nil
        #expect(Set(actual.keys) == Set(expected.keys))
        #expect(actual == expected)
    }

    @Test("a missing shard, a shard from other inputs or a shard inside the output is refused")
    func refusals() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 12)
        var first = Fixtures.options(store: store, out: directory.file("shard-1"))
        first.shard = try Shard(parsing: "1/2")
        _ = try SiteBuilder(options: first).build()
        #expect(throws: BuildError.self) {
            try SiteMerger(options: Fixtures.options(store: store, out: directory.file("merged")), shardPaths: [first.outputPath]).merge()
        }
        var second = Fixtures.options(store: store, out: directory.file("shard-2"))
        second.shard = try Shard(parsing: "2/2")
        second.baseURL = "https://other.example.com"
        _ = try SiteBuilder(options: second).build()
        #expect(throws: BuildError.self) {
            try SiteMerger(options: Fixtures.options(store: store, out: directory.file("merged")), shardPaths: [first.outputPath, second.outputPath])
                .merge()
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("merged")))
        // Merged into the folder of one of its own shards: the merge would replace what it reads.
        let shardFiles = Fixtures.snapshot(first.outputPath)
        #expect {
            try SiteMerger(options: Fixtures.options(store: store, out: directory.file("shard-1")), shardPaths: [first.outputPath]).merge()
        } throws: { "\($0)".hasPrefix("the shard output '\(first.outputPath)' is inside the output folder") }
        #expect(!shardFiles.isEmpty && Fixtures.snapshot(first.outputPath) == shardFiles)
    }

    @Test("shard specifications are checked", arguments: ["0/3", "4/3", "1/0", "a/b", "2"])
    func badShard(_ text: String) {
        #expect(throws: BuildError.self) { try Shard(parsing: text) }
    }
}

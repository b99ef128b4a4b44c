import Foundation
import Testing
@testable import TracePublish

@Suite("folder trees: linked and removed whole, wide folders on several threads")
struct FolderTreeTests {
    /// A product-like tree: one wide folder of lots (enough to be shared among threads), each
    /// with files and a language subfolder, and a symbolic link that must stay a link.
    static func makeTree(at root: String, lots: Int) throws {
        for lot in 0..<lots {
            let folder = "\(root)/01/0952/10/L\(lot)"
            try FileManager.default.createDirectory(atPath: folder + "/en", withIntermediateDirectories: true)
            try Data("page \(lot)".utf8).write(to: URL(fileURLWithPath: folder + "/index.html"))
            try Data("en \(lot)".utf8).write(to: URL(fileURLWithPath: folder + "/en/index.html"))
        }
        try Data("top".utf8).write(to: URL(fileURLWithPath: root + "/index.html"))
        try FileManager.default.createSymbolicLink(atPath: root + "/latest", withDestinationPath: "01")
    }

    static func inode(_ path: String) -> UInt { var info = stat(); return lstat(path, &info) == 0 ? UInt(info.st_ino) : 0 }

    @Test("every file is linked (same inode), folders made, links kept as links, skipped names left out")
    func linksEverything() throws {
        let directory = TemporaryDirectory()
        let source = directory.file("source")
        let target = directory.file("target")
        let lots = FolderTree.wideFolder * 3 + 5
        try Self.makeTree(at: source, lots: lots)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FolderTree.link(from: source, to: target, skipping: ["index.html"])

        #expect(!FileManager.default.fileExists(atPath: target + "/index.html"))
        for lot in [0, lots / 2, lots - 1] {
            for file in ["/index.html", "/en/index.html"] {
                let path = "/01/0952/10/L\(lot)" + file
                #expect(Self.inode(target + path) != 0 && Self.inode(target + path) == Self.inode(source + path), "\(path)")
            }
        }
        let linked = try FileManager.default.contentsOfDirectory(atPath: target + "/01/0952/10")
        #expect(linked.count == lots)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target + "/latest") == "01")
    }

    @Test("a tree is removed whole, and linking into a folder that cannot take it names the path")
    func removesAndFails() throws {
        let directory = TemporaryDirectory()
        let source = directory.file("source")
        try Self.makeTree(at: source, lots: FolderTree.wideFolder + 1)
        FolderTree.remove(source)
        #expect(!FileManager.default.fileExists(atPath: source))

        try Self.makeTree(at: source, lots: 3)
        let target = directory.file("target")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try Data("in the way".utf8).write(to: URL(fileURLWithPath: target + "/index.html"))
        #expect(throws: PublishError.self) { try FolderTree.link(from: source, to: target, skipping: []) }
    }
}

/// What the manifest remembers about one batch: where its files are, the key of the inputs they
/// were rendered from, the sites its rows named, and each file's content hash (`ContentHash`).
///
/// A manifest line is read for every batch on every build, so the file list is kept as the text
/// it was read as and split only when a caller asks for it (parsing it eagerly was 58% of a
/// one-change rebuild of 100,000 batches).
public struct ManifestBatchEntry: Equatable, Sendable {
    /// The batch's row id; manifest lines are sorted by it, like the store stream.
    public var id: Int64
    /// `01/{gtin}/10/{lot}`.
    public var folder: String
    /// Hash of everything the batch's files were rendered from.
    public var inputKey: String
    /// The ids of the sites the batch's rows named, in order (part of its key; a rebuild does
    /// not read an unchanged batch's rows).
    public var sites: [Int64] { sitesText.split(separator: ",").compactMap { Int64($0) } }
    /// `sites`, comma-separated, as recorded: batches share a few sets of sites, so keys made
    /// from them are remembered by this text (parsing `sites` for every batch was a third of a
    /// no-change rebuild).
    public private(set) var sitesText: String
    /// `name=hash` fields joined by tabs.
    private var filesText: String

    public init(id: Int64, folder: String, inputKey: String, sites: [Int64], files: [(name: String, hash: String)]) {
        self.id = id
        self.folder = folder
        self.inputKey = inputKey
        sitesText = sites.map(String.init).joined(separator: ",")
        // One string grown in place: a string per file and their join were eight allocations a batch.
        var filesText = ""
        filesText.reserveCapacity(files.reduce(0) { $0 + $1.name.utf8.count + $1.hash.utf8.count + 2 })
        for (position, file) in files.enumerated() {
            if position > 0 { filesText += "\t" }
            filesText += file.name
            filesText += "="
            filesText += file.hash
        }
        self.filesText = filesText
    }

    /// File name in the folder → `ContentHash` hex, in a fixed order.
    public var files: [(name: String, hash: String)] {
        filesText.split(separator: "\t").compactMap { field in
            guard let equals = field.firstIndex(of: "=") else { return nil }
            return (String(field[..<equals]), String(field[equals...].dropFirst()))
        }
    }

    /// The hash recorded for one of the batch's files.
    public func hash(of name: String) -> String? {
        for field in filesText.split(separator: "\t") where field.hasPrefix(name + "=") {
            return String(field.dropFirst(name.count + 1))
        }
        return nil
    }

    /// One tab-separated line: `id folder key sites name=hash…`.
    var line: String { "\(id)\t\(folder)\t\(inputKey)\t\(sitesText)\t\(filesText)" }

    init?(line: String) {
        let bytes = line.utf8
        guard let firstTab = bytes.firstIndex(of: 0x09),
            let secondTab = bytes[bytes.index(after: firstTab)...].firstIndex(of: 0x09),
            let thirdTab = bytes[bytes.index(after: secondTab)...].firstIndex(of: 0x09),
            let id = Int64(Substring(line[..<firstTab]))
        else { return nil }
        let afterThird = bytes.index(after: thirdTab)
        let fourthTab = bytes[afterThird...].firstIndex(of: 0x09) ?? bytes.endIndex
        self.id = id
        self.folder = String(line[line.index(after: firstTab)..<secondTab])
        self.inputKey = String(line[bytes.index(after: secondTab)..<thirdTab])
        self.sitesText = String(line[afterThird..<fourthTab])
        self.filesText = fourthTab == bytes.endIndex ? "" : String(line[line.index(after: fourthTab)...])
    }
}

/// What the manifest remembers about one batch: where its files are, the key of the inputs they
/// were rendered from, and each file's SHA-256.
public struct ManifestBatchEntry: Equatable, Sendable {
    /// The batch's row id; manifest lines are sorted by it, like the store stream.
    public var id: Int64
    /// `01/{gtin}/10/{lot}`.
    public var folder: String
    /// Hash of everything the batch's files were rendered from.
    public var inputKey: String
    /// File name in the folder → SHA-256 hex, in a fixed order.
    public var files: [(name: String, hash: String)]

    public init(id: Int64, folder: String, inputKey: String, files: [(name: String, hash: String)]) {
        self.id = id
        self.folder = folder
        self.inputKey = inputKey
        self.files = files
    }

    public static func == (lhs: ManifestBatchEntry, rhs: ManifestBatchEntry) -> Bool {
        lhs.id == rhs.id && lhs.folder == rhs.folder && lhs.inputKey == rhs.inputKey
            && lhs.files.map(\.name) == rhs.files.map(\.name) && lhs.files.map(\.hash) == rhs.files.map(\.hash)
    }

    /// The hash recorded for one of the batch's files.
    public func hash(of name: String) -> String? { files.first { $0.name == name }?.hash }

    /// One tab-separated line: `id folder key name=hash…`.
    var line: String {
        ([String(id), folder, inputKey] + files.map { "\($0.name)=\($0.hash)" }).joined(separator: "\t")
    }

    init?(line: String) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 3, let id = Int64(fields[0]) else { return nil }
        var files: [(String, String)] = []
        for field in fields.dropFirst(3) {
            guard let equals = field.firstIndex(of: "=") else { return nil }
            files.append((String(field[..<equals]), String(field[field.index(after: equals)...])))
        }
        self.init(id: id, folder: String(fields[1]), inputKey: String(fields[2]), files: files)
    }
}

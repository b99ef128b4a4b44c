import Glibc

/// Reads a text file line by line through a 64 KiB buffer, so a manifest of a million batches
/// never has to be in memory at once.
final class LineReader {
    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 65_536)
    private var start = 0
    private var end = 0
    private var pending: [UInt8] = []
    private var finished = false
    /// Where the next line starts, in bytes from the start of the file.
    private(set) var offset: Int

    /// Opens a file to read from `offset` (the start of a line, as `offset` reported it).
    init?(path: String, offset: Int = 0) {
        // Set only once nothing can fail: `deinit` runs for a failed initializer that set every
        // property, and would close the number a second time (see `BuildLock`).
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return nil }
        if offset > 0 && lseek(opened, off_t(offset), SEEK_SET) != off_t(offset) {
            close(opened)
            return nil
        }
        descriptor = opened
        self.offset = offset
    }

    deinit { close(descriptor) }

    /// The next line without its newline, or nil at the end of the file.
    func next() -> String? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                pending.append(contentsOf: buffer[start..<newline])
                start = newline + 1
                offset += pending.count + 1
                defer { pending.removeAll(keepingCapacity: true) }
                return String(decoding: pending, as: UTF8.self)
            }
            pending.append(contentsOf: buffer[start..<end])
            start = 0
            end = 0
            guard !finished else {
                guard !pending.isEmpty else { return nil }
                offset += pending.count
                defer { pending.removeAll() }
                return String(decoding: pending, as: UTF8.self)
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { finished = true } else { end = count }
        }
    }
}

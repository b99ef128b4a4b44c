import Glibc

/// Texts that repeat from row to row (a step's title and detail, a check's item, method and
/// limit source, a reading's leg) made into a `String` once and handed to every row that has
/// them.
///
/// Why: a batch's child rows carry some fifty texts too long to fit in a `String` itself, and most
/// are the same as the batch before's; each was an allocation and a copy, freed again on a render
/// thread (`perf record` on `malloc`: 9% of a build's allocations). Holds at most `limit` texts and
/// starts afresh when full, so texts unique to each batch (report numbers, tanker plates) cannot
/// make it grow with the store. One per stream of rows, on the thread that reads them.
final class TextInterner {
    /// Open addressing, twice `limit` slots so probe runs stay short.
    private var slots: [String?]
    private var hashes: [UInt32]
    private var count = 0
    private let limit: Int

    init(limit: Int = 4096) {
        self.limit = limit
        var size = 1
        while size < 2 * limit { size *= 2 }
        slots = Array(repeating: nil, count: size)
        hashes = Array(repeating: 0, count: size)
    }

    /// The text of `bytes` (UTF-8, repaired like `String(decoding:as:)`), shared when seen before.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Up to 15 bytes a `String` holds inline: nothing to share.
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while let existing = slots[slot] {
            if hashes[slot] == hash && Self.equal(existing, bytes) { return existing }
            slot = (slot + 1) & mask
        }
        let made = String(decoding: bytes, as: UTF8.self)
        if count == limit {
            slots = Array(repeating: nil, count: slots.count)
            count = 0
            slot = Int(hash) & mask
        }
        slots[slot] = made
        hashes[slot] = hash
        count += 1
        return made
    }

    /// Eight bytes at a time, each word multiplied in and its high bits folded down, then the
    /// last few bytes one by one: every text longer than 15 bytes of every child row is hashed,
    /// and FNV-1a a byte at a time was most of the interner's 1% of a build's samples.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            hash ^= hash >> 29
            offset += 8
        }
        while offset < raw.count {
            hash = (hash ^ UInt64(raw[offset])) &* 0x0000_0100_0000_01b3
            offset += 1
        }
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    /// `memcmp`, not `elementsEqual`: the generic comparison walked both buffers through their
    /// iterators a byte at a time (0.6% of a build's samples).
    private static func equal(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.utf8.count == bytes.count else { return false }
        return text.utf8.withContiguousStorageIfAvailable { stored in memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
            ?? text.utf8.elementsEqual(bytes)
    }
}

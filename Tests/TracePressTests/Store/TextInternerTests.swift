import Testing

@testable import TraceStore

@Suite("text interner: repeated texts shared, every text the bytes it was read from")
struct TextInternerTests {
    static func read(_ interner: TextInterner, _ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { interner.string($0) }
    }

    @Test("the same bytes give the same text, other bytes another, short texts included")
    func sameAndDifferent() {
        let interner = TextInterner(limit: 8)
        let title = Array("超高温灭菌 UHT sterilisation".utf8)
        let first = Self.read(interner, title)
        #expect(first == String(decoding: title, as: UTF8.self))
        #expect(Self.read(interner, title) == first)
        // Only the last byte differs: same length, likely the same probe chain.
        var other = title
        other[other.count - 1] = UInt8(ascii: "m")
        #expect(Self.read(interner, other) == String(decoding: other, as: UTF8.self))
        #expect(Self.read(interner, Array("short".utf8)) == "short")
    }

    @Test("invalid UTF-8 is repaired as String(decoding:) repairs it, and never matches a valid text")
    func invalidUTF8() {
        let interner = TextInterner(limit: 8)
        let invalid: [UInt8] = Array("a sixteen-byte-plus text ".utf8) + [0xE4, 0xB8]
        #expect(Self.read(interner, invalid) == String(decoding: invalid, as: UTF8.self))
        let repaired = Array(String(decoding: invalid, as: UTF8.self).utf8)
        #expect(Self.read(interner, repaired) == String(decoding: invalid, as: UTF8.self))
        #expect(Self.read(interner, invalid) == String(decoding: invalid, as: UTF8.self))
    }

    @Test("past its limit it starts afresh and still answers right")
    func limit() {
        let interner = TextInterner(limit: 4)
        let texts = (0..<50).map { "report number RPT-2026-\($0) of the lab" }
        for _ in 0..<3 {
            for text in texts { #expect(Self.read(interner, Array(text.utf8)) == text) }
        }
    }

    @Test("a text and the same text with any one byte changed hash apart, in whole words and in the tail")
    func hashSpreads() {
        let text = Array("批号 251117A01 · report RPT-2026-0042".utf8)
        let original = text.withUnsafeBufferPointer { TextInterner.hash($0) }
        var hashes: Set<UInt32> = [original]
        for position in text.indices {
            var changed = text
            changed[position] ^= 0x01
            hashes.insert(changed.withUnsafeBufferPointer { TextInterner.hash($0) })
        }
        #expect(hashes.count == text.count + 1)
        // Report numbers that differ only in their digits, as a store's do.
        let numbers = (0..<5_000).map { Array("RPT-2026-\($0)-QQH".utf8) }
        #expect(Set(numbers.map { $0.withUnsafeBufferPointer { TextInterner.hash($0) } }).count == numbers.count)
    }
}

import Testing

@testable import TracePressCore

/// Listing ids are held in memory while few and spilled to a scratch file past one block; both
/// ways must give back exactly what was appended, by any range.
@Suite("listing ids: spooled pairs read back by range")
struct SpooledPairsTests {
    @Test("pairs come back in order, in memory and spilled", arguments: [0, 1, 200, SpooledPairs.blockPairs, SpooledPairs.blockPairs * 3 + 17])
    func roundTrip(count: Int) throws {
        let pairs = SpooledPairs()
        for index in 0..<count { try pairs.append(id: Int64(index) * 7 + 1, revision: Int64(index % 5)) }
        try pairs.finishWriting()
        #expect(pairs.count == count)
        let whole = try pairs.pairs(0..<count)
        #expect(whole.ids == (0..<count).map { Int64($0) * 7 + 1 })
        #expect(whole.revisions == (0..<count).map { Int64($0 % 5) })
        // A page that crosses a block boundary, and the last partial page.
        for range in [max(0, count - 250)..<count, min(count, SpooledPairs.blockPairs - 3)..<min(count, SpooledPairs.blockPairs + 3)] {
            let slice = try pairs.pairs(range)
            #expect(slice.ids == range.map { Int64($0) * 7 + 1 })
            #expect(slice.revisions == range.map { Int64($0 % 5) })
        }
    }
}

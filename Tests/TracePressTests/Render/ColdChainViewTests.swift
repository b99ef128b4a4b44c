import Testing
import TraceModel
import TraceStore
import TraceView

@Suite("cold-chain legs on a batch page")
struct ColdChainViewTests {
    @Test("readings of a leg that comes back later join that leg, legs in the order they first appear")
    func legThatComesBack() throws {
        let directory = TemporaryDirectory()
        let path = try Fixtures.demoStore(in: directory, batches: 2)
        // Batch 1's second reading moved to its last leg: that leg now appears twice in time order.
        try Fixtures.tamper(
            path,
            """
            UPDATE cold_chain_reading
            SET leg = (SELECT leg FROM cold_chain_reading WHERE batch_id = 1 ORDER BY recorded_at DESC, id DESC LIMIT 1)
            WHERE id = (SELECT id FROM cold_chain_reading WHERE batch_id = 1 ORDER BY recorded_at, id LIMIT 1 OFFSET 1)
            """)
        let store = try TraceStore(path: path, mode: .readOnly)
        let site = SiteContext(
            baseURL: "https://trace.example.com", reference: try store.loadReference().reference,
            strings: try UIStrings(folder: Repository.templates), assets: [:])
        var first: BatchRecord?
        try store.forEachBatchChunk { chunk in first = first ?? chunk.records.first }
        let record = try #require(first)

        var order: [String] = []
        var counts: [String: Int] = [:]
        for reading in record.readings {
            if counts[reading.leg] == nil { order.append(reading.leg) }
            counts[reading.leg, default: 0] += 1
        }
        #expect(order.count >= 2)
        let stretches = zip(record.readings, record.readings.dropFirst()).filter { $0.leg != $1.leg }.count + 1
        #expect(stretches > order.count, "the tampering should make a leg come back")

        let view = BatchPage.view(of: record, in: site, language: .english)
        guard case .list(let legs)? = view["cold_chain_legs"] else {
            Issue.record("no cold_chain_legs list")
            return
        }
        #expect(legs.count == order.count)
        for (leg, code) in zip(legs, order) {
            guard case .object(let fields) = leg else { continue }
            #expect(fields["count"] == .text(String(counts[code]!)), "\(code)")
        }
    }
}

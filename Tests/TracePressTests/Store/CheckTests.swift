import Testing
import TraceModel
import TracePressCore

@Suite("check: every problem named by table, row and field")
struct CheckTests {
    @Test("the demo store is clean, with its recalled, held and failed batches")
    func demoIsClean() throws {
        let directory = TemporaryDirectory()
        let problems = try StoreAudit(storePath: Fixtures.demoStore(in: directory, batches: 60)).run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("a store checked in two halves at once reports its problems in id order, and counts every batch")
    func twoHalves() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 1_100)
        // Batch rows on both sides of the split (at position 512) and at both ends.
        let broken: [Int64] = [1, 511, 512, 513, 1_024, 1_100]
        try Fixtures.tamper(store, "UPDATE batch SET expires_on = '2000-01-01' WHERE id IN (\(broken.map(String.init).joined(separator: ",")))")
        var reports: [(checked: Int, total: Int)] = []
        let problems = try StoreAudit(storePath: store).run { reports.append(($0, $1)) }
        #expect(problems.map(\.rowID) == broken)
        #expect(problems.allSatisfy { $0.field == "expires_on" })
        #expect(reports.last.map { $0.checked == 1_100 && $0.total == 1_100 } == true)
    }

    struct Breakage: CustomTestStringConvertible, Sendable {
        let name: String
        let sql: String
        let expected: String
        var testDescription: String { name }
    }

    static let breakages: [Breakage] = [
        Breakage(name: "bad GTIN check digit", sql: "UPDATE batch SET gtin = '06920000000000' WHERE id = 1",
                 expected: "batch row 1 field gtin: GTIN '06920000000000' has a wrong check digit: it should end in 5"),
        Breakage(name: "lot that would leave the output folder", sql: "UPDATE batch SET lot = '../../etc' WHERE id = 1",
                 expected: "batch row 1 field lot: lot '../../etc' contains '/'"),
        Breakage(name: "missing product", sql: "UPDATE batch SET gtin = '09521234543213' WHERE id = 1",
                 expected: "field gtin: no product with GTIN 09521234543213"),
        Breakage(name: "expiry before production", sql: "UPDATE batch SET expires_on = '2020-01-01' WHERE id = 1",
                 expected: "batch row 1 field expires_on: expiry 2020-01-01 is not after production"),
        Breakage(name: "steps out of order", sql: "UPDATE process_step SET occurred_at = '2020-01-01T00:00:00+08:00' WHERE batch_id = 1 AND sequence = 3",
                 expected: "steps out of order"),
        Breakage(name: "a pass the numbers do not support", sql: "UPDATE lab_check SET value = 9.9, not_detected = 0, samples = NULL, limit_min = NULL, limit_max = 0.5, plan_n = NULL, unit = 'µg/kg', limit_unit = 'µg/kg', verdict = 'pass' WHERE id = (SELECT min(id) FROM lab_check WHERE batch_id = 1)",
                 expected: "field verdict: stated 'pass' but the numbers give 'fail': 9.9 exceeds the maximum 0.5 µg/kg"),
        Breakage(name: "a reading without a batch", sql: "UPDATE cold_chain_reading SET batch_id = 999999 WHERE id = 1",
                 expected: "cold_chain_reading row 1 field reference: refers to a batch row that does not exist"),
        Breakage(name: "timestamp without offset", sql: "UPDATE process_step SET occurred_at = '2026-01-01T05:00:00' WHERE id = 1",
                 expected: "process_step row 1 field occurred_at: timestamp '2026-01-01T05:00:00' has no UTC offset"),
        Breakage(name: "unknown status", sql: "PRAGMA ignore_check_constraints = ON; UPDATE batch SET status = 'sold_out' WHERE id = 1",
                 expected: "batch row 1 field status: unknown status 'sold_out'"),
        Breakage(name: "lots that collide on a case-insensitive disk", sql: "DROP INDEX batch_gtin_lot; INSERT INTO batch (gtin, lot, produced_on, expires_on, factory_site_id) SELECT gtin, lower(lot), produced_on, expires_on, factory_site_id FROM batch WHERE id = 1",
                 expected: "collides with"),
        Breakage(name: "bad SC licence", sql: "UPDATE product SET production_licence = 'SC123' WHERE rowid = 1",
                 expected: "product field production_licence: 'SC123' is not an SC licence"),
    ]

    @Test("each broken row is reported in one line", arguments: breakages)
    func reportsBreakage(_ breakage: Breakage) throws {
        let directory = TemporaryDirectory()
        let path = try Fixtures.demoStore(in: directory, batches: 6)
        try Fixtures.tamper(path, breakage.sql)
        let lines = try StoreAudit(storePath: path).run().map(\.description)
        #expect(lines.contains { $0.contains(breakage.expected) }, "got: \(lines)")
        #expect(lines.allSatisfy { !$0.contains("\n") })
    }
}

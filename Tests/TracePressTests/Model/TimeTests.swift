import Testing
import TraceModel

@Suite("Dates and timestamps keep their offset")
struct TimeTests {
    @Test("RFC 3339 with offsets and 0 to 9 fractional digits", arguments: [
        ("2026-03-01T05:30:00+08:00", "2026-03-01T05:30:00+08:00"),
        ("2026-02-28T21:30:00Z", "2026-02-28T21:30:00+00:00"),
        ("2026-03-01T05:30:00.5+08:00", "2026-03-01T05:30:00+08:00"),
        ("2026-03-01T05:30:00.123456789-05:30", "2026-03-01T05:30:00-05:30"),
        ("2026-03-01T05:30+08:00", "2026-03-01T05:30:00+08:00"),
    ])
    func parses(_ input: String, _ expected: String) throws {
        #expect(try Timestamp(parsing: input).description == expected)
    }

    @Test("instants compare across offsets")
    func instants() throws {
        #expect(try Timestamp(parsing: "2026-03-01T05:30:00+08:00") == Timestamp(parsing: "2026-02-28T21:30:00Z"))
        #expect(try Timestamp(parsing: "2026-03-01T05:30:00+08:00") < Timestamp(parsing: "2026-02-28T22:00:00Z"))
    }

    @Test("a timestamp without an offset is refused")
    func missingOffset() {
        #expect(throws: TimeParseError.missingOffset("2026-03-01T05:30:00")) { try Timestamp(parsing: "2026-03-01T05:30:00") }
    }

    @Test("impossible dates are refused", arguments: ["2026-02-29", "2026-13-01", "2026-04-31", "26-01-01", "2026-1-1"])
    func badDates(_ text: String) {
        #expect(throws: TimeParseError.self) { try CalendarDate(parsing: text) }
    }

    @Test("date arithmetic crosses months and leap days")
    func arithmetic() throws {
        #expect(try CalendarDate(parsing: "2028-02-28").adding(days: 1).description == "2028-02-29")
        #expect(try CalendarDate(parsing: "2026-12-31").adding(days: 1).description == "2027-01-01")
        #expect(try CalendarDate(parsing: "2026-03-01").adding(days: -1).description == "2026-02-28")
    }
}

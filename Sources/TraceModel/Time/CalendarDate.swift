/// A date without time, as printed on a can: production and expiry dates, certificate validity.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD`.
    ///
    /// - Throws: `TimeParseError` when the text is not a real calendar date.
    public init(parsing text: String) throws(TimeParseError) {
        let parts = DigitScanner.withBytes(of: text) { bytes -> (year: Int, month: Int, day: Int)? in
            var scanner = DigitScanner(bytes)
            guard let year = scanner.number(digits: 4), scanner.skip("-"),
                let month = scanner.number(digits: 2), scanner.skip("-"),
                let day = scanner.number(digits: 2), scanner.isAtEnd
            else { return nil }
            return (year, month, day)
        }
        guard let parts else { throw .notADate(text) }
        try self.init(year: parts.year, month: parts.month, day: parts.day, source: text)
    }

    public init(year: Int, month: Int, day: Int) throws(TimeParseError) {
        try self.init(year: year, month: month, day: day, source: "\(year)-\(month)-\(day)")
    }

    private init(year: Int, month: Int, day: Int, source: String) throws(TimeParseError) {
        guard (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
        else { throw .notADate(source) }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date the calendar arithmetic produced, so known to be valid: no check, no message text.
    init(valid civil: (year: Int, month: Int, day: Int)) {
        (year, month, day) = civil
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int { CivilCalendar.daysSinceEpoch(year: year, month: month, day: day) }

    /// The date `days` later (or earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        let civil = CivilCalendar.civil(fromDaysSinceEpoch: daysSinceEpoch + days)
        return CalendarDate(valid: civil)
    }

    /// `YYYY-MM-DD`.
    public var description: String { TimeText.date(year: year, month: month, day: day) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

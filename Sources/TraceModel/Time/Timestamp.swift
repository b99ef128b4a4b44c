/// An instant together with the UTC offset it was recorded in (`2026-03-01T05:30:00+08:00`).
///
/// Ordering and equality compare instants; the offset is kept so pages show local time as the
/// farm or factory recorded it.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64
    /// Nanoseconds within the second (0 when the source had no fraction).
    public let nanoseconds: Int32
    /// The recorded offset from UTC in minutes (+480 for China).
    public let utcOffsetMinutes: Int

    public init(secondsSinceEpoch: Int64, nanoseconds: Int32 = 0, utcOffsetMinutes: Int) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.nanoseconds = nanoseconds
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Parses RFC 3339 / ISO 8601: `YYYY-MM-DDThh:mm[:ss[.f{1,9}]](Z|±hh:mm)`.
    ///
    /// - Throws: `TimeParseError` when the text is not such a timestamp, or has no offset.
    public init(parsing text: String) throws(TimeParseError) {
        let parsed = DigitScanner.withBytes(of: text) { bytes in Result { () throws(TimeParseError) in try Timestamp(parsingUTF8: bytes) } }
        self = try parsed.get()
    }

    /// Parses RFC 3339 / ISO 8601 from UTF-8 bytes it borrows (a store column's own buffer):
    /// no `String` is made unless the text is wrong and an error must quote it.
    ///
    /// - Throws: `TimeParseError` when the bytes are not such a timestamp, or have no offset.
    public init(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(TimeParseError) {
        var scanner = DigitScanner(bytes)
        func text() -> String { String(decoding: bytes, as: UTF8.self) }
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip(" "),
            let hour = scanner.number(digits: 2), scanner.skip(":"),
            let minute = scanner.number(digits: 2)
        else { throw .notATimestamp(text()) }
        var second = 0
        var nanoseconds: Int32 = 0
        if scanner.skip(":") {
            guard let parsed = scanner.number(digits: 2) else { throw .notATimestamp(text()) }
            second = parsed
            if scanner.skip(".") {
                guard let (fraction, count) = scanner.digitRun(maximum: 9), count > 0 else {
                    throw .notATimestamp(text())
                }
                var scaled = fraction
                for _ in count..<9 { scaled *= 10 }
                nanoseconds = Int32(scaled)
            }
        }
        let offset: Int
        if scanner.skip("Z") || scanner.skip("z") {
            offset = 0
        } else if let sign = scanner.sign(), let offsetHours = scanner.number(digits: 2), scanner.skip(":"),
            let offsetMinutes = scanner.number(digits: 2)
        {
            offset = sign * (offsetHours * 60 + offsetMinutes)
        } else {
            throw .missingOffset(text())
        }
        guard scanner.isAtEnd, (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
            hour < 24, minute < 60, second < 61, abs(offset) <= 14 * 60
        else { throw .notATimestamp(text()) }
        let days = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
        let localSeconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(
            secondsSinceEpoch: localSeconds - Int64(offset * 60), nanoseconds: nanoseconds, utcOffsetMinutes: offset)
    }

    /// The wall-clock reading in the recorded offset.
    public var local: (date: CalendarDate, hour: Int, minute: Int, second: Int) {
        let localSeconds = secondsSinceEpoch + Int64(utcOffsetMinutes * 60)
        var days = Int(localSeconds / 86_400)
        var remainder = Int(localSeconds % 86_400)
        if remainder < 0 {
            remainder += 86_400
            days -= 1
        }
        let civil = CivilCalendar.civil(fromDaysSinceEpoch: days)
        let date = CalendarDate(valid: civil)
        return (date, remainder / 3600, remainder % 3600 / 60, remainder % 60)
    }

    /// `+08:00`, `-05:30` or `Z`-equivalent `+00:00`.
    public var offsetText: String { TimeText.offset(minutes: utcOffsetMinutes) }

    /// RFC 3339 in the recorded offset, seconds precision.
    public var description: String { TimeText.timestamp(self, separator: UInt8(ascii: "T"), secondsAndOffset: true) }

    /// `description`'s bytes, appended to `output` (no string made).
    public func appendDescription(to output: inout [UInt8]) {
        TimeText.appendTimestamp(self, separator: UInt8(ascii: "T"), secondsAndOffset: true, to: &output)
    }

    /// `localMinuteText`'s bytes, appended to `output` (no string made).
    public func appendLocalMinute(to output: inout [UInt8]) {
        TimeText.appendTimestamp(self, separator: UInt8(ascii: " "), secondsAndOffset: false, to: &output)
    }

    /// `2026-03-01 05:30`: the wall-clock minute in the recorded offset, as pages show it.
    public var localMinuteText: String { TimeText.timestamp(self, separator: UInt8(ascii: " "), secondsAndOffset: false) }

    /// Seconds from `self` to `later`.
    public func seconds(until later: Timestamp) -> Int64 { later.secondsSinceEpoch - secondsSinceEpoch }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch == rhs.secondsSinceEpoch && lhs.nanoseconds == rhs.nanoseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSinceEpoch)
        hasher.combine(nanoseconds)
    }
}

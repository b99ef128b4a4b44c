/// Dates and times as fixed-width ASCII, written straight into the string's storage.
///
/// Why by hand: these shapes never change, and building them by string interpolation of
/// zero-padded parts was about 4% of a 100,000-batch build (`perf record`): every page shows a
/// dozen times, and `data.json` repeats them.
enum TimeText {
    /// `YYYY-MM-DD`.
    static func date(year: Int, month: Int, day: Int) -> String {
        guard (0...9999).contains(year) else {
            return "\(zeroPadded(year, width: 4))-\(zeroPadded(month, width: 2))-\(zeroPadded(day, width: 2))"
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            var writer = Writer(buffer: buffer)
            writer.date(year: year, month: month, day: day)
            return writer.count
        }
    }

    /// `YYYY-MM-DDThh:mm:ss±hh:mm` (with `T`) or `YYYY-MM-DD hh:mm` (with a space, no seconds
    /// or offset) in the timestamp's own offset.
    static func timestamp(_ timestamp: Timestamp, separator: UInt8, secondsAndOffset: Bool) -> String {
        let (date, hour, minute, second) = timestamp.local
        guard (0...9999).contains(date.year) else {
            let time = "\(zeroPadded(hour, width: 2)):\(zeroPadded(minute, width: 2))"
            guard secondsAndOffset else { return "\(date) \(time)" }
            return "\(date)T\(time):\(zeroPadded(second, width: 2))" + offset(minutes: timestamp.utcOffsetMinutes)
        }
        return String(unsafeUninitializedCapacity: 25) { buffer in
            write((date, hour, minute, second), timestamp.utcOffsetMinutes, separator: separator, secondsAndOffset: secondsAndOffset, into: buffer)
        }
    }

    /// `timestamp(_:separator:secondsAndOffset:)`'s bytes, appended: `data.json` writes a time
    /// for every reading, and a string made for each was a tenth of a build's allocations.
    static func appendTimestamp(_ timestamp: Timestamp, separator: UInt8, secondsAndOffset: Bool, to output: inout [UInt8]) {
        let local = timestamp.local
        guard (0...9999).contains(local.date.year) else {
            return output.append(contentsOf: Self.timestamp(timestamp, separator: separator, secondsAndOffset: secondsAndOffset).utf8)
        }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: 25))
        let count = output.withUnsafeMutableBufferPointer { buffer in
            write(
                local, timestamp.utcOffsetMinutes, separator: separator, secondsAndOffset: secondsAndOffset,
                into: UnsafeMutableBufferPointer(rebasing: buffer[start...]))
        }
        output.removeLast(25 - count)
    }

    /// Writes a local time of a four-digit year into `buffer` (25 bytes at least); returns the count.
    private static func write(
        _ local: (date: CalendarDate, hour: Int, minute: Int, second: Int), _ offsetMinutes: Int, separator: UInt8,
        secondsAndOffset: Bool, into buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        let (date, hour, minute, second) = local
        var writer = Writer(buffer: buffer)
        writer.date(year: date.year, month: date.month, day: date.day)
        writer.byte(separator)
        writer.digits(hour, width: 2)
        writer.byte(UInt8(ascii: ":"))
        writer.digits(minute, width: 2)
        if secondsAndOffset {
            writer.byte(UInt8(ascii: ":"))
            writer.digits(second, width: 2)
            writer.offset(minutes: offsetMinutes)
        }
        return writer.count
    }

    /// `+08:00`, `-05:30`, `+00:00`.
    static func offset(minutes: Int) -> String {
        String(unsafeUninitializedCapacity: 6) { buffer in
            var writer = Writer(buffer: buffer)
            writer.offset(minutes: minutes)
            return writer.count
        }
    }

    private struct Writer {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        mutating func byte(_ value: UInt8) {
            buffer[count] = value
            count += 1
        }

        /// `value` (0 ≤ value < 10^width) in exactly `width` digits.
        mutating func digits(_ value: Int, width: Int) {
            var rest = value
            for position in stride(from: count + width - 1, through: count, by: -1) {
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            count += width
        }

        mutating func date(year: Int, month: Int, day: Int) {
            digits(year, width: 4)
            byte(UInt8(ascii: "-"))
            digits(month, width: 2)
            byte(UInt8(ascii: "-"))
            digits(day, width: 2)
        }

        /// Offsets are within ±14:00 (the parser refuses others), so two digits each.
        mutating func offset(minutes: Int) {
            let magnitude = min(abs(minutes), 99 * 60 + 59)
            byte(minutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            digits(magnitude / 60, width: 2)
            byte(UInt8(ascii: ":"))
            digits(magnitude % 60, width: 2)
        }
    }
}

import TraceModel

/// How times, durations and numbers appear on pages. Times stay in the offset they were recorded in.
enum DisplayFormat {
    /// `2026-03-01 05:30`.
    static func localTime(_ timestamp: Timestamp) -> String { timestamp.localMinuteText }

    /// `UTC+08:00`.
    static func offset(_ timestamp: Timestamp) -> String { "UTC" + timestamp.offsetText }

    /// `3 小时 20 分钟` and `3 h 20 min`.
    static func duration(seconds: Int64) -> (zh: String, en: String) {
        let minutes = max(0, seconds) / 60
        let hours = minutes / 60
        let rest = minutes % 60
        if hours == 0 { return ("\(rest) 分钟", "\(rest) min") }
        if rest == 0 { return ("\(hours) 小时", "\(hours) h") }
        return ("\(hours) 小时 \(rest) 分钟", "\(hours) h \(rest) min")
    }

    /// `3.5 °C`.
    static func celsius(_ value: Double) -> String { "\(formatNumber(value)) °C" }

    /// A coordinate with hemisphere letters, 4 decimals: `47.7800° N, 124.4700° E`.
    static func coordinate(_ coordinate: Coordinate) -> String {
        "\(fixed(abs(coordinate.latitude), 4))° \(coordinate.latitude >= 0 ? "N" : "S"), "
            + "\(fixed(abs(coordinate.longitude), 4))° \(coordinate.longitude >= 0 ? "E" : "W")"
    }

    /// `geo:47.78,124.47`: opens the phone's own map app, no third-party tiles.
    static func geoURI(_ coordinate: Coordinate) -> String {
        "geo:\(formatNumber(coordinate.latitude)),\(formatNumber(coordinate.longitude))"
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fixedRoom) { room in
            writeFixed(value, decimals, endingAt: room).map { String(decoding: UnsafeBufferPointer(rebasing: room[$0...]), as: UTF8.self) }
        }
        if let written { return written }
        let scaled = Int64((value * scale(decimals)).rounded())
        let digits = String(scaled)
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        return padded.dropLast(decimals) + "." + padded.suffix(decimals)
    }

    /// `fixed(value, decimals)`'s bytes, appended: a chart writes dozens of numbers and no string.
    static func appendFixed(_ value: Double, _ decimals: Int, to output: inout [UInt8]) {
        let appended = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fixedRoom) { room in
            guard let start = writeFixed(value, decimals, endingAt: room) else { return false }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: room[start...]))
            return true
        }
        if !appended { output.append(contentsOf: fixed(value, decimals).utf8) }
    }

    private static func scale(_ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return scale
    }

    /// Room for what `writeFixed` writes: 15 digits, the point and a leading zero at most.
    private static let fixedRoom = 24

    /// Writes `fixed(value, decimals)` at the end of `room` (`fixedRoom` bytes), digit by digit
    /// from the last; returns where it starts, or nil for a value outside what it handles
    /// (negative, 10^15 or more once scaled, no decimals).
    ///
    /// Digits written straight into bytes: charts print dozens of these per page, and the
    /// string slicing of the general case was 2% of a build. Rounded once and appended once:
    /// counting the digits first, then growing the output and writing into it, was a fifth of
    /// drawing a batch's cold-chain charts (`Benchmarks/render/run.sh`).
    private static func writeFixed(_ value: Double, _ decimals: Int, endingAt room: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let rounded = (value * scale(decimals)).rounded()
        guard rounded >= 0, rounded < 1e15, decimals > 0, decimals < 16 else { return nil }
        var rest = UInt64(rounded)
        var index = room.count
        var digits = 0
        // At least one digit before the point: "0.05", not ".05".
        repeat {
            if digits == decimals {
                index -= 1
                room[index] = UInt8(ascii: ".")
            }
            index -= 1
            room[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            digits += 1
        } while rest > 0 || digits <= decimals
        return index
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Thousands separated with commas: `12,345`.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
}

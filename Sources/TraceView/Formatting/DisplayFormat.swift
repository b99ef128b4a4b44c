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
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded()
        // Digits written straight into the string: charts print dozens of these per page, and
        // the string slicing below was 2% of a build.
        if rounded >= 0, rounded < 1e15, decimals > 0, decimals < 16 {
            var rest = UInt64(rounded)
            var digitCount = 1
            var probe = rest / 10
            while probe > 0 {
                digitCount += 1
                probe /= 10
            }
            let total = max(digitCount - decimals, 1) + decimals  // "0.05", not ".05"
            return String(unsafeUninitializedCapacity: total + 1) { buffer in
                var index = total
                for position in 0..<total {
                    if position == decimals {
                        buffer[index] = UInt8(ascii: ".")
                        index -= 1
                    }
                    buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                    index -= 1
                }
                return total + 1
            }
        }
        let scaled = Int64(rounded)
        let digits = String(scaled)
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        return padded.dropLast(decimals) + "." + padded.suffix(decimals)
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

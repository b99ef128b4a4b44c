import TraceModel

/// A small inline SVG line chart of one cold-chain leg: readings over time, the limit as a dashed
/// line with the band above it shaded, excursions as filled dots.
///
/// The SVG holds only numbers this code formats (no store text), which is why the template may
/// include it unescaped (`{{{chart}}}`); the labels around it come from the template, escaped.
enum ColdChainChart {
    static let width = 320.0
    static let height = 110.0
    static let left = 34.0
    static let right = 8.0
    static let top = 8.0
    static let bottom = 18.0

    /// - Parameters:
    ///   - lowest, highest: The readings' lowest and highest temperature (the leg has them).
    ///   - limit: The leg's limit, drawn as a line.
    static func svg(_ readings: ArraySlice<ColdChainReading>, lowest: Double, highest: Double, limit: Double?) -> String {
        guard let first = readings.first, let last = readings.last else { return "" }
        let low = (min(lowest, limit ?? lowest) - 1).rounded(.down)
        let high = (max(highest, limit ?? highest) + 1).rounded(.up)
        let start = Double(first.recordedAt.secondsSinceEpoch)
        let span = max(Double(last.recordedAt.secondsSinceEpoch) - start, 1)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ reading: ColdChainReading) -> Double { left + (Double(reading.recordedAt.secondsSinceEpoch) - start) / span * plotWidth }
        func y(_ celsius: Double) -> Double { top + (high - celsius) / (high - low) * plotHeight }

        // Built as bytes: string interpolation of every number was 2% of a build (`perf record`).
        // A `Double` interpolated into `ChartText` is written with one decimal.
        var svg: [UInt8] = []
        // The frame, limit and labels take 700-odd bytes; a point up to a dozen. (256 + 12 per
        // point grew the array three or four times per chart.)
        svg.reserveCapacity(1024 + 12 * readings.count)
        // Few pieces (lines joined by a backslash at their end), each made as one array.
        svg += """
            <svg class="chart" viewBox="0 0 \(width) \(height)" width="\(Int(width))" height="\(Int(height))" aria-hidden="true" focusable="false">\
            <rect x="\(left)" y="\(top)" width="\(plotWidth)" height="\(plotHeight)" class="chart-frame"/>
            """
        if let limit {
            svg += """
                <rect x="\(left)" y="\(top)" width="\(plotWidth)" height="\(max(0, y(limit) - top))" class="chart-over"/>\
                <line x1="\(left)" x2="\(width - right)" y1="\(y(limit))" y2="\(y(limit))" class="chart-limit"/>\
                <text x="\(width - right - 2)" y="\(y(limit) - 3)" text-anchor="end" class="chart-label">\(formatNumber(limit)) °C</text>
                """
        }
        svg += """
            <text x="\(left - 4)" y="\(top + 8)" text-anchor="end" class="chart-label">\(formatNumber(high))</text>\
            <text x="\(left - 4)" y="\(height - bottom)" text-anchor="end" class="chart-label">\(formatNumber(low))</text>\
            <polyline class="chart-line" points="
            """
        // Each point written in place: a `ChartText` per point was an array made and freed per
        // reading, two dozen a batch (half the chart's cost in `Benchmarks/profile/run.sh`).
        for (position, reading) in readings.enumerated() {
            if position > 0 { svg.append(UInt8(ascii: " ")) }
            DisplayFormat.appendFixed(x(reading), 1, to: &svg)
            svg.append(UInt8(ascii: ","))
            DisplayFormat.appendFixed(y(reading.celsius), 1, to: &svg)
        }
        svg.append(contentsOf: "\"/>".utf8)
        for reading in readings where reading.isExcursion {
            svg += "<circle cx=\"\(x(reading))\" cy=\"\(y(reading.celsius))\" r=\"3.5\" class=\"chart-excursion\"/>"
        }
        svg += "</svg>"
        return String(decoding: svg, as: UTF8.self)
    }
}

/// A piece of the chart: its literal text as it is, `String` and `Int` values as they print,
/// `Double`s with one decimal (`DisplayFormat.fixed`), straight into bytes.
private struct ChartText: ExpressibleByStringInterpolation {
    let bytes: [UInt8]

    init(stringLiteral value: String) { bytes = Array(value.utf8) }
    init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

    struct Interpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) { bytes.reserveCapacity(literalCapacity + 8 * interpolationCount) }
        mutating func appendLiteral(_ literal: String) { TextEscaper.appendVerbatim(literal, to: &bytes) }
        mutating func appendInterpolation(_ value: Double) { DisplayFormat.appendFixed(value, 1, to: &bytes) }
        mutating func appendInterpolation(_ value: Int) { TextEscaper.appendVerbatim(String(value), to: &bytes) }
        mutating func appendInterpolation(_ value: String) { TextEscaper.appendVerbatim(value, to: &bytes) }
    }

    static func += (output: inout [UInt8], text: ChartText) { output.append(contentsOf: text.bytes) }
}

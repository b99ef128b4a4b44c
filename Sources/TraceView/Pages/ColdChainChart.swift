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

    static func svg(_ readings: [ColdChainReading], limit: Double?) -> String {
        guard let first = readings.first, let last = readings.last else { return "" }
        let values = readings.map(\.celsius) + (limit.map { [$0] } ?? [])
        let low = (values.min()! - 1).rounded(.down)
        let high = (values.max()! + 1).rounded(.up)
        let start = Double(first.recordedAt.secondsSinceEpoch)
        let span = max(Double(last.recordedAt.secondsSinceEpoch) - start, 1)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ reading: ColdChainReading) -> Double { left + (Double(reading.recordedAt.secondsSinceEpoch) - start) / span * plotWidth }
        func y(_ celsius: Double) -> Double { top + (high - celsius) / (high - low) * plotHeight }
        func n(_ value: Double) -> String { DisplayFormat.fixed(value, 1) }

        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" aria-hidden=\"true\" focusable=\"false\">"
        svg += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" class=\"chart-frame\"/>"
        if let limit {
            svg += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(max(0, y(limit) - top)))\" class=\"chart-over\"/>"
            svg += "<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(limit)))\" y2=\"\(n(y(limit)))\" class=\"chart-limit\"/>"
            svg += "<text x=\"\(n(width - right - 2))\" y=\"\(n(y(limit) - 3))\" text-anchor=\"end\" class=\"chart-label\">\(formatNumber(limit)) °C</text>"
        }
        svg += "<text x=\"\(n(left - 4))\" y=\"\(n(top + 8))\" text-anchor=\"end\" class=\"chart-label\">\(formatNumber(high))</text>"
        svg += "<text x=\"\(n(left - 4))\" y=\"\(n(height - bottom))\" text-anchor=\"end\" class=\"chart-label\">\(formatNumber(low))</text>"
        svg += "<polyline class=\"chart-line\" points=\""
        svg += readings.map { "\(n(x($0))),\(n(y($0.celsius)))" }.joined(separator: " ")
        svg += "\"/>"
        for reading in readings where reading.isExcursion {
            svg += "<circle cx=\"\(n(x(reading)))\" cy=\"\(n(y(reading.celsius)))\" r=\"3.5\" class=\"chart-excursion\"/>"
        }
        svg += "</svg>"
        return svg
    }
}

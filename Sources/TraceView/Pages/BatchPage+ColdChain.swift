import TraceModel

extension BatchPage {
    /// One cold-chain leg as pages show it, the same in every language but its label: grouped,
    /// summarised and charted once per batch. Both pages used to group the readings and format
    /// every number and time again (`perf record`: 2% of a 20,000-batch build).
    struct ColdChainLeg: Sendable {
        /// The leg's code (`farm_tank`, `tanker`…), which `Labels.leg` names per language.
        let code: String
        let count: String
        let min: String
        let max: String
        /// `≤ 4 °C`, or empty when no reading states a limit.
        let limit: String
        let from: Timestamp
        let to: Timestamp
        let chart: String
        /// Readings above their limit: time, temperature and limit.
        let excursions: [(time: Timestamp, celsius: String, limit: String)]

        var hasExcursion: Bool { !excursions.isEmpty }

        /// The readings grouped by leg, legs in the order their first reading comes.
        ///
        /// A batch has a handful of legs, so they are found by a scan, not a dictionary: hashing
        /// every reading's leg code was a third of the legs' cost.
        ///
        /// Legs follow one another in time, so each is usually one stretch of the readings, read
        /// in place; readings of a leg that come back later are gathered into an array of their own.
        static func legs(of readings: [ColdChainReading]) -> [ColdChainLeg] {
            var stretches: [(code: String, range: Range<Int>)] = []
            var start = 0
            for position in readings.indices where position + 1 == readings.count || readings[position + 1].leg != readings[position].leg {
                stretches.append((readings[position].leg, start..<position + 1))
                start = position + 1
            }
            let eachLegOnce = stretches.indices.allSatisfy { later in !stretches[..<later].contains { $0.code == stretches[later].code } }
            if eachLegOnce {
                return stretches.map { ColdChainLeg(code: $0.code, readings: readings[$0.range]) }
            }
            var groups: [(code: String, readings: [ColdChainReading])] = []
            for reading in readings {
                if let position = groups.firstIndex(where: { $0.code == reading.leg }) {
                    groups[position].readings.append(reading)
                } else {
                    groups.append((reading.leg, [reading]))
                }
            }
            return groups.map { ColdChainLeg(code: $0.code, readings: $0.readings[...]) }
        }

        /// One pass over the readings for the lowest, highest and limit (arrays of the values
        /// and limits made and freed for each leg were a third of this).
        private init(code: String, readings: ArraySlice<ColdChainReading>) {
            var lowest = readings.first!.celsius
            var highest = lowest
            var limit: Double?
            var excursions: [(time: Timestamp, celsius: String, limit: String)] = []
            for reading in readings {
                lowest = Swift.min(lowest, reading.celsius)
                highest = Swift.max(highest, reading.celsius)
                if let maximum = reading.maximumCelsius { limit = Swift.min(limit ?? maximum, maximum) }
                if reading.isExcursion {
                    excursions.append((
                        reading.recordedAt, DisplayFormat.celsius(reading.celsius),
                        reading.maximumCelsius.map(DisplayFormat.celsius) ?? ""
                    ))
                }
            }
            self.code = code
            count = String(readings.count)
            min = DisplayFormat.celsius(lowest)
            max = DisplayFormat.celsius(highest)
            self.limit = limit.map { "≤ " + DisplayFormat.celsius($0) } ?? ""
            from = readings.first!.recordedAt
            to = readings.last!.recordedAt
            self.excursions = excursions
            chart = ColdChainChart.svg(readings, lowest: lowest, highest: highest, limit: limit)
        }
    }

    static func coldChainFields(legs: [ColdChainLeg]) -> ViewObject {
        var excursions: [ViewValue] = []
        let legViews = legs.map { leg -> ViewValue in
            let label = ViewValue.localized(Labels.leg(leg.code))
            for excursion in leg.excursions {
                excursions.append(.object([
                    "leg": label,
                    "time": .time(excursion.time, .minute),
                    "celsius": .text(excursion.celsius),
                    "limit": .text(excursion.limit),
                ]))
            }
            return .object([
                "leg": label,
                "count": .text(leg.count),
                "min": .text(leg.min),
                "max": .text(leg.max),
                "limit": .text(leg.limit),
                "from": .time(leg.from, .minute),
                "to": .time(leg.to, .minute),
                "has_excursion": .flag(leg.hasExcursion),
                "chart": .text(leg.chart),
            ])
        }
        return [
            "cold_chain_legs": .list(legViews),
            "has_cold_chain": .flag(!legViews.isEmpty),
            "excursions": .list(excursions),
            "has_excursions": .flag(!excursions.isEmpty),
            "excursion_count": .text(String(excursions.count)),
        ]
    }
}

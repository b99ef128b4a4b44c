import TraceModel

extension EPCISReader {
    /// The reports of one `sensorElementList` entry; `sensorMetadata.time` fills in missing times.
    mutating func readSensorElement(_ element: JSONValue, at base: String) -> [SensorReading] {
        var defaultTime: Timestamp?
        if let metadata = json.object(element, "sensorMetadata", at: base),
            let text = json.string(metadata, "time", at: base + "/sensorMetadata")
        {
            defaultTime = parseTime(text, at: base + "/sensorMetadata/time")
        }
        if element["sensorReport"] == nil { json.report(base + "/sensorReport", "is missing") }
        return json.array(element, "sensorReport", at: base).compactMap { report, pointer in
            readSensorReport(report, defaultTime: defaultTime, at: pointer)
        }
    }

    private mutating func readSensorReport(_ report: JSONValue, defaultTime: Timestamp?, at base: String) -> SensorReading? {
        guard report.isObject else {
            json.report(base, "should be an object, found \(report.kindName)")
            return nil
        }
        let type = json.string(report, "type", at: base).map(CBVVocabulary.lastWord(of:))
        var reading = SensorReading(
            type: type, value: json.number(report, "value", at: base), minValue: json.number(report, "minValue", at: base),
            maxValue: json.number(report, "maxValue", at: base), meanValue: json.number(report, "meanValue", at: base),
            uom: json.string(report, "uom", at: base), time: defaultTime,
            exception: json.string(report, "exception", at: base).map { String($0.split(separator: "-").last ?? "") },
            analyte: json.string(report, "chemicalSubstance", at: base) ?? json.string(report, "microorganism", at: base),
            check: readCheckAnnotation(report, at: base), pointer: base)
        if let text = json.string(report, "time", at: base) { reading.time = parseTime(text, at: base + "/time") }
        let hasValue = [reading.value, reading.minValue, reading.maxValue, reading.meanValue].contains { $0 != nil }
        let isNotDetected = reading.check?.notDetected == true || reading.check?.samples != nil
        if !hasValue && !isNotDetected && reading.check == nil {
            json.report(base, "the report has no value (value, minValue, maxValue or meanValue)")
            return nil
        }
        if reading.isLabResult, let stated = reading.check?.statedVerdict {
            let evaluation = reading.labEvaluation
            if evaluation.verdict != stated {
                json.report(base, "states '\(stated.rawValue)' but the numbers give '\(evaluation.verdict.rawValue)': \(evaluation.reason)")
            }
        }
        if reading.type == "Temperature", reading.celsius == nil {
            json.report(base + "/uom", "temperature unit '\(reading.uom ?? "")' is not CEL, FAH or KEL")
        }
        return reading
    }

    private mutating func parseTime(_ text: String, at pointer: String) -> Timestamp? {
        do { return try Timestamp(parsing: text) } catch {
            json.report(pointer, "'\(text)' is not a time such as 2026-03-01T06:30:00Z")
            return nil
        }
    }

    /// `tp:` lab-result fields of a sensor report: names, method, limit, stated verdict, samples.
    private mutating func readCheckAnnotation(_ report: JSONValue, at base: String) -> CheckAnnotation? {
        let names = [
            "item", "method", "unit", "limitMin", "limitMax", "limitUnit", "limitSource", "reportNumber", "verdict", "stage",
            "notDetected", "samples", "plan",
        ]
        guard names.contains(where: { annotation(report, $0) != nil }) else { return nil }
        var check = CheckAnnotation()
        if let (value, key) = annotation(report, "item") { check.item = localizedText(value, at: JSONReading.pointer(base, key)) }
        check.method = annotationText(report, "method", at: base)
        check.unit = annotationText(report, "unit", at: base)
        check.limitMin = annotationNumber(report, "limitMin", at: base)
        check.limitMax = annotationNumber(report, "limitMax", at: base)
        check.limitUnit = annotationText(report, "limitUnit", at: base)
        check.limitSource = annotationText(report, "limitSource", at: base)
        check.reportNumber = annotationText(report, "reportNumber", at: base)
        if let word = annotationText(report, "verdict", at: base) {
            check.statedVerdict = Verdict(rawValue: word)
            if check.statedVerdict == nil, let pointer = annotationPointer(report, "verdict", at: base) {
                json.report(pointer, "'\(word)' is not a verdict (pass, fail, incomplete, info)")
            }
        }
        if let word = annotationText(report, "stage", at: base) {
            check.stage = LabCheck.Stage(rawValue: word)
            if check.stage == nil, let pointer = annotationPointer(report, "stage", at: base) {
                json.report(pointer, "'\(word)' is not a stage (raw, in_process, finished)")
            }
        }
        check.notDetected = annotationBool(report, "notDetected", at: base) ?? false
        if let (value, key) = annotation(report, "samples") { check.samples = samples(value, at: JSONReading.pointer(base, key)) }
        if let (value, key) = annotation(report, "plan") {
            let pointer = JSONReading.pointer(base, key)
            let n = json.number(value, "n", at: pointer, required: true)
            let c = json.number(value, "c", at: pointer, required: true)
            let m = json.number(value, "m", at: pointer, required: true)
            let bigM = json.number(value, "M", at: pointer, required: true)
            if let n, let c, let m, let bigM { check.plan = SamplingPlan(n: Int(n), c: Int(c), m: m, bigM: bigM) }
        }
        return check
    }

    private mutating func samples(_ value: JSONValue, at pointer: String) -> [SampleResult]? {
        guard case .array(let items) = value else {
            json.report(pointer, "should be an array of numbers or \"ND\", found \(value.kindName)")
            return nil
        }
        var results: [SampleResult] = []
        for (index, item) in items.enumerated() {
            switch item {
            case .number(let measured): results.append(.value(measured))
            case .string("ND"): results.append(.notDetected)
            default: json.report(JSONReading.pointer(pointer, index), "should be a number or \"ND\", found \(item.kindName)")
            }
        }
        return results
    }
}

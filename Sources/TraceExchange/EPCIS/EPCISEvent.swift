public import TraceModel

/// One EPCIS 2.0 event as TracePress uses it, read from a document or from the store.
///
/// The event's full JSON stays in `documentText`, so fields TracePress has no column for (other
/// vendors' extensions, source and destination lists) are kept and exported again.
public struct EPCISEvent: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case object = "ObjectEvent"
        case aggregation = "AggregationEvent"
        case transformation = "TransformationEvent"
        case association = "AssociationEvent"
    }

    /// How an event names a lot: the lot it is about, a transformation's input or output, or the
    /// parent or a child of an aggregation.
    public enum Role: String, Sendable {
        case subject, input, output, parent, child
    }

    public var kind: Kind
    /// `eventID` as given, or a content hash (`ni:///sha-256;…`) of the event when it has none.
    public var id: String
    /// `eventTime`, expressed in `eventTimeZoneOffset` so pages show the local time it happened.
    public var time: Timestamp
    public var action: String?
    /// Bare CBV word (`receiving`) or a non-CBV URI as given.
    public var bizStep: String?
    public var disposition: String?
    public var readPoint: String?
    public var bizLocation: String?
    /// The site `bizLocation` names, else `readPoint`.
    public var location: LocationKey?
    /// Everything the event names, with its role; units and containers are resolved to lots on import.
    var objects: [(EPCReference, Role)]
    public var sensorReports: [SensorReading]
    public var certificationInfo: [String]
    /// Set on an error declaration: the event it repeats is void.
    public var errorDeclarationReason: String?
    /// `ilmd` expiry (`cbvmda:itemExpirationDate` or `bestBeforeDate`) and lot number.
    public var lotExpiry: CalendarDate?
    var lotNumberFromMasterData: String?
    /// TracePress annotations (`tp:` extension fields).
    public var annotations: EventAnnotations
    /// Other vendors' extension fields and names EPCIS does not define: kept in `documentText`
    /// (and exported again), not shown on pages.
    public var unusedFields: [String] = []
    /// The event as read, as canonical JSON text (sorted keys, `tp:` prefix, `eventID` filled in):
    /// what the store keeps. Text rather than a tree: a tree per event held gigabytes.
    public var documentText: String
}

/// One `sensorReport`: a temperature reading, or a lab analyte with its limit.
public struct SensorReading: Sendable {
    /// Bare type word, e.g. `Temperature` (from `gs1:Temperature` or its URI).
    public var type: String?
    public var value: Double?
    public var minValue: Double?
    public var maxValue: Double?
    public var meanValue: Double?
    /// UN/CEFACT unit code as given, e.g. `CEL`.
    public var uom: String?
    public var time: Timestamp?
    /// `ALARM_CONDITION` or `ERROR_CONDITION` when the device flagged it.
    public var exception: String?
    /// `chemicalSubstance` or `microorganism`, when the report is a lab result.
    public var analyte: String?
    /// Limit, verdict and names carried in `tp:` fields for lab results.
    public var check: CheckAnnotation?
    /// Where it was in the document, for error messages.
    public var pointer: String

    /// True for a lab result rather than an environmental reading.
    public var isLabResult: Bool { analyte != nil || check != nil }

    /// The reading in °C when it is a temperature in a known unit.
    public var celsius: Double? {
        guard type == "Temperature", let reading = value ?? meanValue ?? maxValue else { return nil }
        let convert: (Double) -> Double
        switch uom ?? "CEL" {
        case "CEL": convert = { $0 }
        case "FAH": convert = { ($0 - 32) * 5 / 9 }
        case "KEL": convert = { $0 - 273.15 }
        default: return nil
        }
        return convert(reading)
    }
}

/// Fields EPCIS has no place for, carried in the `https://ns.tracepress.dev/epcis/` namespace.
public struct EventAnnotations: Sendable {
    public var title: LocalizedText?
    public var detail: LocalizedText?
    public var responsible: String?
    /// Cold-chain leg code for the event's temperature readings, e.g. `tanker`.
    public var leg: String?
    /// Upper temperature limit for the event's readings, in °C.
    public var maximumCelsius: Double?
    public var tankerPlate: String?
    /// Why a batch was recalled or put on hold (with a `recalled` / `non_conformant` disposition).
    public var statusReason: LocalizedText?
    /// Set on events synthesised by `export` from rows entered by hand, naming the store.
    public var exportedFromStore: String?
    /// False (`tp:step: false`) for events that only carry data for other rows (checks, readings,
    /// origins, batch dates): they do not appear as a step of the journey.
    public var isStep = true
    /// A raw-milk origin, for events synthesised from `batch_origin` rows entered by hand.
    public var origin: OriginAnnotation?

    public init() {}
}

/// Lab-result fields for a `sensorReport`, in the `tp:` namespace.
public struct CheckAnnotation: Sendable {
    public var item: LocalizedText?
    public var method: String?
    public var unit: String?
    public var limitMin: Double?
    public var limitMax: Double?
    public var plan: SamplingPlan?
    public var limitUnit: String?
    public var limitSource: String?
    public var statedVerdict: Verdict?
    public var notDetected = false
    public var samples: [SampleResult]?
    public var stage: LabCheck.Stage?
    public var reportNumber: String?

    public init() {}
}

/// `tp:origin`: a farm's raw-milk lot that went into the batch, as a `batch_origin` row holds it.
public struct OriginAnnotation: Sendable {
    public var farm: LocationKey
    public var rawMilkLot: String
    public var tankerPlate: String?
    public var arrivalCelsius: Double?
}

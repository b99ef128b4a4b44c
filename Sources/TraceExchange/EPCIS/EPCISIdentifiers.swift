import Foundation
public import TraceModel

/// A lot-level class: a GTIN and a lot number.
///
/// The lot is kept as text: upstream lots (a farm's tank of raw milk) are never served as pages, so
/// only lots of products in the store must pass `Lot`'s folder-name rules.
public struct LotKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var gtin: GTIN
    public var lot: String

    public init(gtin: GTIN, lot: String) {
        self.gtin = gtin
        self.lot = lot
    }

    public var description: String { "\(gtin)/\(lot)" }
    public static func < (lhs: LotKey, rhs: LotKey) -> Bool { (lhs.gtin, lhs.lot) < (rhs.gtin, rhs.lot) }

    /// The GS1 Digital Link URI of the lot on GS1's own resolver, as export writes it.
    public var digitalLinkURI: String {
        let encoded = lot.addingPercentEncoding(withAllowedCharacters: .gs1PathSegment) ?? lot
        return "https://id.gs1.org/01/\(gtin)/10/\(encoded)"
    }
}

/// An EPC as EPCIS events name things: a lot class, one unit of a lot, or anything else (an SSCC
/// for a case or pallet, a returnable asset), which is tracked by its text.
enum EPCReference: Hashable {
    case lot(LotKey)
    /// One unit (SGTIN), keyed `{gtin}/21/{serial}` whichever way it was written. The lot is
    /// known when a Digital Link URI carries it (`/10/…/21/…`).
    case unit(epc: String, gtin: GTIN, lot: String?)
    case container(String)

    /// Reads a Digital Link URI (`https://any.host[/stem]/01/{gtin}[/10/{lot}][/21/{serial}]`,
    /// `/00/{sscc}`) or an EPC URN (`urn:epc:class:lgtin:…`, `urn:epc:id:sgtin:…`, `urn:epc:id:sscc:…`).
    ///
    /// - Parameter text: The identifier as written in the event.
    /// - Parameter asClass: True for class-level positions (quantity lists, inputs), where only lots make sense.
    /// - Throws: A message naming what is wrong (a bad GTIN check digit, a GTIN-only class without a lot).
    static func parse(_ text: String, asClass: Bool) throws(IdentifierProblem) -> EPCReference {
        if text.hasPrefix("urn:epc:") { return try parseURN(text) }
        if text.hasPrefix("https://") || text.hasPrefix("http://") { return try parseDigitalLink(text, asClass: asClass) }
        throw IdentifierProblem("'\(text)' is neither a GS1 Digital Link URI nor an EPC URN")
    }

    private static func parseDigitalLink(_ text: String, asClass: Bool) throws(IdentifierProblem) -> EPCReference {
        let pathPart = text.split(separator: "?", maxSplits: 1)[0]
        let segments = pathPart.split(separator: "/", omittingEmptySubsequences: true).dropFirst(2).map(String.init)
        if let sscc = segments.firstIndex(of: "00"), sscc + 1 < segments.count { return .container(text) }
        guard let start = segments.firstIndex(of: "01"), start + 1 < segments.count else {
            throw IdentifierProblem("'\(text)' has no /01/{GTIN} in its path")
        }
        let gtin = try gtinOf(segments[start + 1], in: text)
        var lot: String?
        var serial: String?
        var index = start + 2
        while index + 1 < segments.count {
            let value = segments[index + 1].removingPercentEncoding ?? segments[index + 1]
            switch segments[index] {
            case "10": lot = value
            case "21": serial = value
            case "22": break
            default: throw IdentifierProblem("'\(text)' has an unexpected key qualifier '\(segments[index])'")
            }
            index += 2
        }
        if let serial { return .unit(epc: unitKey(gtin, serial), gtin: gtin, lot: lot) }
        guard let lot, !lot.isEmpty else {
            throw IdentifierProblem("'\(text)' names a product but no lot (/10/{lot}); TracePress traces lots")
        }
        return .lot(LotKey(gtin: gtin, lot: lot))
    }

    private static func parseURN(_ text: String) throws(IdentifierProblem) -> EPCReference {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5 else { throw IdentifierProblem("'\(text)' is not a well-formed EPC URN") }
        let scheme = parts[2] + ":" + parts[3]
        let fields = parts[4].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch scheme {
        case "class:lgtin", "id:sgtin":
            guard fields.count == 3, fields[1].count >= 1 else {
                throw IdentifierProblem("'\(text)' should have three dot-separated fields (company prefix, item reference, \(scheme == "id:sgtin" ? "serial" : "lot"))")
            }
            let (prefix, item) = (fields[0], fields[1])
            guard prefix.count + item.count == 13 else {
                throw IdentifierProblem("'\(text)': company prefix and item reference have \(prefix.count + item.count) digits; they must have 13")
            }
            let first13 = String(item.first!) + prefix + item.dropFirst()
            let gtin: GTIN
            do { gtin = try GTIN.completing(first13) } catch { throw IdentifierProblem("'\(text)': \(error)") }
            let value = fields[2].removingPercentEncoding ?? fields[2]
            if scheme == "id:sgtin" { return .unit(epc: unitKey(gtin, value), gtin: gtin, lot: nil) }
            guard !value.isEmpty else { throw IdentifierProblem("'\(text)' has an empty lot") }
            return .lot(LotKey(gtin: gtin, lot: value))
        default:
            return .container(text)
        }
    }

    /// One key per unit, whether an event wrote it as an SGTIN URN or a Digital Link URI.
    private static func unitKey(_ gtin: GTIN, _ serial: String) -> String { "\(gtin)/21/\(serial)" }

    private static func gtinOf(_ segment: String, in text: String) throws(IdentifierProblem) -> GTIN {
        do { return try GTIN(segment) } catch { throw IdentifierProblem("'\(text)': \(error)") }
    }
}

/// A location as EPCIS names it, reduced to a GLN or a TracePress site code.
enum LocationIdentifier {
    /// Reads `https://…/414/{GLN}[/254/{extension}]`, `urn:epc:id:sgln:{prefix}.{ref}.{extension}`
    /// or `urn:tracepress:site:{code}`.
    ///
    /// - Returns: The site key, or nil for other location identifiers (kept in the event only).
    /// - Throws: When the text claims to be a GLN but its digits or check digit are wrong.
    static func key(of text: String) throws(IdentifierProblem) -> LocationKey? {
        if text.hasPrefix("urn:tracepress:site:") {
            let code = String(text.dropFirst("urn:tracepress:site:".count))
            guard !code.isEmpty else { throw IdentifierProblem("'\(text)' has an empty site code") }
            return .code(code)
        }
        if text.hasPrefix("urn:epc:id:sgln:") {
            let fields = text.dropFirst("urn:epc:id:sgln:".count).split(separator: ".", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0].count + fields[1].count == 12 else {
                throw IdentifierProblem("'\(text)' should be urn:epc:id:sgln:{company prefix}.{location reference}.{extension} with 12 digits in the first two")
            }
            let digits = String(fields[0] + fields[1])
            guard digits.allSatisfy(\.isASCIIDigit) else { throw IdentifierProblem("'\(text)' has non-digits in its GLN") }
            return .gln(digits + String(GS1CheckDigit.of(digits)))
        }
        let segments = text.split(separator: "?")[0].split(separator: "/").map(String.init)
        guard let index = segments.firstIndex(of: "414"), index + 1 < segments.count, text.hasPrefix("http") else {
            return nil
        }
        let digits = segments[index + 1]
        guard digits.count == 13, digits.allSatisfy(\.isASCIIDigit) else {
            throw IdentifierProblem("'\(text)': a GLN has 13 digits")
        }
        guard GS1CheckDigit.isValidGLN(digits) else {
            throw IdentifierProblem("'\(text)': GLN \(digits) has a wrong check digit: it should end in \(GS1CheckDigit.of(String(digits.prefix(12))))")
        }
        return .gln(digits)
    }
}

/// Why an identifier was rejected, as one line.
struct IdentifierProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension CharacterSet {
    /// Characters GS1 Digital Link leaves unencoded in a path segment.
    static let gs1PathSegment = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

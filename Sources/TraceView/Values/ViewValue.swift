/// What a template sees: text, a flag, a list, or an object of named values.
///
/// Views are plain values with no template engine in sight; the renderer adapts them. Every view
/// object carries every key it can have (empty text, `false` or an empty list when there is no
/// data), so a template name that is never found is a typo, and the renderer reports it.
public enum ViewValue: Sendable, Equatable {
    /// Text, escaped by the renderer. Empty text counts as absent in a `{{#section}}`.
    case text(String)
    /// A condition for `{{#flag}}` / `{{^flag}}`.
    case flag(Bool)
    /// A repeated section.
    case list([ViewValue])
    /// A nested object.
    case object(ViewObject)
}

/// Named view values, e.g. one batch page or one row of a table.
public struct ViewObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The fields by template name.
    public private(set) var fields: [String: ViewValue]

    public init(dictionaryLiteral elements: (String, ViewValue)...) {
        fields = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public init(_ fields: [String: ViewValue]) { self.fields = fields }

    public subscript(name: String) -> ViewValue? {
        get { fields[name] }
        set { fields[name] = newValue }
    }

    /// Makes room for `count` fields, so a view assembled from many parts is not rehashed as it grows.
    public mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    /// Adds every field of `other`, replacing fields of the same name.
    public mutating func merge(_ other: ViewObject) { fields.merge(other.fields) { _, new in new } }
}

extension ViewValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension ViewValue {
    /// An object value from named fields.
    public static func object(_ fields: [String: ViewValue]) -> ViewValue { .object(ViewObject(fields)) }

    /// Optional text: nil becomes empty text.
    public static func text(_ value: String?) -> ViewValue { .text(value ?? "") }

    /// A list of objects.
    public static func objects(_ items: [ViewObject]) -> ViewValue { .list(items.map(ViewValue.object)) }

    /// The text, when this is a `.text`.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

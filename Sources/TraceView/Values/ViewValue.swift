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
///
/// Why not a `Dictionary`: a page view is dozens of small objects built once and read once, and
/// a profile of a 10,000-batch build (`perf record`) had 15% of all time in `Hasher` and
/// dictionary storage for them. Here each field keeps a 32-bit FNV-1a hash of its name, small
/// objects are searched by comparing those, larger ones (a page's root, the interface texts)
/// through an open-addressing index, and `ViewName` lets the template renderer hash its names
/// once, when it compiles a template.
public struct ViewObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private struct Field: Sendable {
        let hash: UInt32
        let name: String
        var value: ViewValue
    }

    private var entries: [Field] = []
    /// Open addressing over `entries` (position + 1; 0 is empty), power-of-two sized; empty
    /// while there are at most `linearLimit` fields.
    private var index: [Int32] = []
    private static let linearLimit = 12

    /// No fields.
    public init() {}

    /// A repeated name keeps the last value, as it always has; the fields are indexed once, at
    /// the end, instead of as they come (a view is mostly built from literals).
    public init(dictionaryLiteral elements: (String, ViewValue)...) {
        entries.reserveCapacity(elements.count)
        for (name, value) in elements {
            let name = ViewName(name)
            if let earlier = entries.firstIndex(where: { $0.hash == name.hash && $0.name == name.text }) {
                entries[earlier].value = value
            } else {
                entries.append(Field(hash: name.hash, name: name.text, value: value))
            }
        }
        if entries.count > Self.linearLimit { rebuildIndex(minimumCapacity: entries.count) }
    }

    public init(_ fields: [String: ViewValue]) {
        entries.reserveCapacity(fields.count)
        for (name, value) in fields { set(ViewName(name), value) }
    }

    /// The fields by template name.
    public var fields: [String: ViewValue] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.value) })
    }

    public subscript(name: String) -> ViewValue? {
        get { self[ViewName(name)] }
        set {
            if let newValue { set(ViewName(name), newValue) } else { remove(ViewName(name)) }
        }
    }

    /// Looks a field up by a name hashed beforehand.
    public subscript(name: ViewName) -> ViewValue? {
        guard let position = position(of: name) else { return nil }
        return entries[position].value
    }

    /// Calls `body` with the address of the field's value, borrowed where it is stored: the
    /// template renderer reads every value of a page this way, because copying a value out
    /// retains and releases its storage, and that was a tenth of a build (`perf record`).
    ///
    /// Not generic, so that callers in other modules need no generic metadata at run time.
    ///
    /// - Returns: false when the object has no such field. The address is valid only inside `body`.
    public func withField(_ name: ViewName, _ body: (UnsafePointer<ViewValue>) -> Void) -> Bool {
        guard let position = position(of: name) else { return false }
        entries.withUnsafeBufferPointer { fields in
            let value = (UnsafeRawPointer(fields.baseAddress! + position) + Self.valueOffset).assumingMemoryBound(to: ViewValue.self)
            body(value)
        }
        return true
    }

    private static let valueOffset = MemoryLayout<Field>.offset(of: \Field.value)!

    /// Makes room for `count` fields, so a view assembled from many parts is not re-indexed as it grows.
    public mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
        if count > Self.linearLimit && index.count < count * 2 { rebuildIndex(minimumCapacity: count) }
    }

    /// Adds every field of `other`, replacing fields of the same name.
    public mutating func merge(_ other: ViewObject) {
        for field in other.entries { set(ViewName(field.name, hash: field.hash), field.value) }
    }

    public static func == (lhs: ViewObject, rhs: ViewObject) -> Bool { lhs.fields == rhs.fields }

    private func position(of name: ViewName) -> Int? {
        if index.isEmpty {
            for position in entries.indices where entries[position].hash == name.hash && entries[position].name == name.text {
                return position
            }
            return nil
        }
        let mask = index.count - 1
        var slot = Int(name.hash) & mask
        while index[slot] != 0 {
            let position = Int(index[slot]) - 1
            if entries[position].hash == name.hash && entries[position].name == name.text { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func set(_ name: ViewName, _ value: ViewValue) {
        if let position = position(of: name) {
            entries[position].value = value
            return
        }
        entries.append(Field(hash: name.hash, name: name.text, value: value))
        if !index.isEmpty || entries.count > Self.linearLimit {
            if index.count < entries.count * 2 {
                rebuildIndex(minimumCapacity: entries.count)
            } else {
                insertIntoIndex(entries.count - 1)
            }
        }
    }

    private mutating func remove(_ name: ViewName) {
        guard let position = position(of: name) else { return }
        entries.remove(at: position)
        let wasIndexed = !index.isEmpty
        index = []
        if wasIndexed || entries.count > Self.linearLimit { rebuildIndex(minimumCapacity: entries.count) }
    }

    /// At most half full, so probe runs stay short.
    private mutating func rebuildIndex(minimumCapacity: Int) {
        var size = 32
        while size < minimumCapacity * 2 { size *= 2 }
        index = Array(repeating: 0, count: size)
        for position in entries.indices { insertIntoIndex(position) }
    }

    private mutating func insertIntoIndex(_ position: Int) {
        let mask = index.count - 1
        var slot = Int(entries[position].hash) & mask
        while index[slot] != 0 { slot = (slot + 1) & mask }
        index[slot] = Int32(position + 1)
    }
}

/// A field name with its hash, computed once (the template renderer keeps these for every tag).
public struct ViewName: Sendable, Hashable {
    public let text: String
    let hash: UInt32

    public init(_ text: String) {
        self.text = text
        // FNV-1a over the UTF-8 bytes: short names, no per-process seed, a few instructions a byte.
        var hash: UInt32 = 2_166_136_261
        var copy = text
        copy.withUTF8 { bytes in
            for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        }
        self.hash = hash
    }

    init(_ text: String, hash: UInt32) {
        self.text = text
        self.hash = hash
    }
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

    /// `ViewObject.withField` on this value, when it is an object; false for anything else or a
    /// name it lacks.
    public func withField(_ name: ViewName, _ body: (UnsafePointer<ViewValue>) -> Void) -> Bool {
        guard case .object(let object) = self else { return false }
        return object.withField(name, body)
    }

    /// The text, when this is a `.text`.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

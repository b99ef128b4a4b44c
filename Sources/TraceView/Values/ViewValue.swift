public import TraceModel

/// What a template sees: text (in one language or in both), a flag, a list, or an object of
/// named values.
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
    /// Text that differs by language: a page renders the text of its own language, and treats it
    /// as `.text` in every other way.
    ///
    /// Why: a batch's two pages share all but their words. One view holding both languages'
    /// texts is built once per batch (`BatchPage.bilingualView`) and both pages are written from
    /// it in one walk of the template, instead of two views built and freed (half of the view
    /// building in a build's profile).
    case localized(LocalizedText)
    /// A moment, written by the renderer in `TimeStyle` straight into the page's bytes; never
    /// empty. A batch page shows some forty times, and each made as `.text` was a string
    /// allocated, copied into the page and freed (`perf record` on `malloc`: 7% of a build's).
    case time(Timestamp, TimeStyle)
}

/// How a `.time` value reads on a page.
public enum TimeStyle: Sendable, Equatable {
    /// `2026-03-01 05:30`: the wall-clock minute in the recorded offset (`Timestamp.localMinuteText`).
    case minute
    /// RFC 3339 with seconds and offset (`Timestamp.description`), for `datetime` attributes.
    case instant

    /// The text a page shows for `time`.
    public func text(_ time: Timestamp) -> String {
        self == .minute ? time.localMinuteText : time.description
    }

    /// `text(time)`'s bytes, appended: digits and `-: +T`, nothing any page format escapes.
    public func append(_ time: Timestamp, to output: inout [UInt8]) {
        if self == .minute { time.appendLocalMinute(to: &output) } else { time.appendDescription(to: &output) }
    }
}

/// Named view values, e.g. one batch page or one row of a table.
///
/// Why not a `Dictionary`: a page view is dozens of small objects built once and read once, and
/// a profile of a 10,000-batch build (`perf record`) had 15% of all time in `Hasher` and
/// dictionary storage for them. Here each field has a 32-bit hash of its name beside it, small
/// objects are searched by comparing those, larger ones (a page's root, the interface texts)
/// through an open-addressing index, and `ViewName` lets the template renderer hash its names
/// once, when it compiles a template.
///
/// The fields are kept in the very array a dictionary literal arrives in: copying them into
/// storage of our own retained every name and value once and then released the literal's array
/// field by field, for every object of every page (`perf record`: `tuple_destroy` alone was 2%
/// of a 20,000-batch build).
public struct ViewObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    typealias Field = (String, ViewValue)

    fileprivate var entries: [Field] = []
    /// `ViewName.hash(of:)` of each entry's name, at the same position.
    fileprivate var hashes: [UInt32] = []
    /// Open addressing over `entries` (position + 1; 0 is empty), power-of-two sized; empty
    /// while there are at most `linearLimit` fields.
    private var index: [Int32] = []
    /// 16, not 12: a lab-check row has 14 fields, and indexing each of them (an allocation and
    /// 14 inserts, 32 rows a batch) cost more than scanning 14 hashes (`Benchmarks/profile/run.sh`:
    /// `rebuildIndex` 0.5% → 0.1% of samples, lookups unchanged).
    private static let linearLimit = 16

    /// No fields.
    public init() {}

    /// A repeated name keeps the last value, as it always has; the fields are indexed once, at
    /// the end, instead of as they come (a view is mostly built from literals).
    public init(dictionaryLiteral elements: (String, ViewValue)...) {
        var hashes = [UInt32](repeating: 0, count: elements.count)
        var repeated = false
        // One bit per hash's low six bits: a name whose bit is not yet set repeats no earlier
        // name, so the earlier ones are compared only when it is (comparing every pair was 6%
        // of building a batch's view, `Benchmarks/render/run.sh`).
        var seen: UInt64 = 0
        for position in elements.indices {
            let hash = ViewName.hash(of: elements[position].0)
            hashes[position] = hash
            let bit: UInt64 = 1 << UInt64(hash & 63)
            if !repeated && seen & bit != 0 {
                for earlier in 0..<position where hashes[earlier] == hash && elements[earlier].0 == elements[position].0 {
                    repeated = true
                    break
                }
            }
            seen |= bit
        }
        guard !repeated else {
            // Rare (no view of ours repeats a name): add one by one, the last value winning.
            for (name, value) in elements { set(ViewName(name), value) }
            return
        }
        entries = elements
        self.hashes = hashes
        if entries.count > Self.linearLimit { rebuildIndex(minimumCapacity: entries.count) }
    }

    public init(_ fields: [String: ViewValue]) {
        entries.reserveCapacity(fields.count)
        hashes.reserveCapacity(fields.count)
        for (name, value) in fields { set(ViewName(name), value) }
    }

    /// The fields by template name.
    public var fields: [String: ViewValue] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.0, $0.1) })
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
        return entries[position].1
    }

    /// Makes room for `count` fields, so a view assembled from many parts is not re-indexed as it grows.
    public mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
        hashes.reserveCapacity(count)
        if count > Self.linearLimit && index.count < count * 2 { rebuildIndex(minimumCapacity: count) }
    }

    /// Adds every field of `other`, replacing fields of the same name.
    public mutating func merge(_ other: ViewObject) {
        for position in other.entries.indices {
            set(ViewName(other.entries[position].0, hash: other.hashes[position]), other.entries[position].1)
        }
    }

    public static func == (lhs: ViewObject, rhs: ViewObject) -> Bool { lhs.fields == rhs.fields }

    private func position(of name: ViewName) -> Int? {
        var position: Int?
        withFields { position = $0.position(of: name) }
        return position
    }

    /// Calls `body` with the object's storage, borrowed: lookups in it retain nothing. The
    /// template renderer enters every object section this way, once, instead of copying the
    /// object (three retains and releases) for every name it looks up through it.
    public func withFields(_ body: (BorrowedViewFields) -> Void) {
        entries.withUnsafeBufferPointer { entries in
            hashes.withUnsafeBufferPointer { hashes in
                index.withUnsafeBufferPointer { index in
                    body(BorrowedViewFields(entries: entries, hashes: hashes, index: index))
                }
            }
        }
    }

    fileprivate mutating func set(_ name: ViewName, _ value: ViewValue) {
        if let position = position(of: name) {
            entries[position].1 = value
            return
        }
        entries.append((name.text, value))
        hashes.append(name.hash)
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
        hashes.remove(at: position)
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
        var slot = Int(hashes[position]) & mask
        while index[slot] != 0 { slot = (slot + 1) & mask }
        index[slot] = Int32(position + 1)
    }
}

/// A view object's fields, borrowed for the length of one `ViewObject.withFields` call: the
/// addresses of its storage, so a lookup retains and releases nothing.
public struct BorrowedViewFields {
    fileprivate let entries: UnsafeBufferPointer<ViewObject.Field>
    fileprivate let hashes: UnsafeBufferPointer<UInt32>
    /// Open addressing over `entries`, as `ViewObject` keeps it; empty for small objects.
    fileprivate let index: UnsafeBufferPointer<Int32>

    /// The address of the value named `name`, or nil when the object has no such field.
    public func field(_ name: ViewName) -> UnsafePointer<ViewValue>? {
        guard let position = position(of: name) else { return nil }
        return (UnsafeRawPointer(entries.baseAddress! + position) + Self.valueOffset).assumingMemoryBound(to: ViewValue.self)
    }

    /// Where a field's value sits in its (name, value) pair: a tuple is laid out as a struct of
    /// its elements in order, each at the next multiple of its alignment.
    private static let valueOffset: Int = {
        let alignment = MemoryLayout<ViewValue>.alignment
        return (MemoryLayout<String>.size + alignment - 1) / alignment * alignment
    }()

    fileprivate func position(of name: ViewName) -> Int? {
        if index.isEmpty {
            for position in hashes.indices where hashes[position] == name.hash && entries[position].0 == name.text {
                return position
            }
            return nil
        }
        let mask = index.count - 1
        var slot = Int(name.hash) & mask
        while index[slot] != 0 {
            let position = Int(index[slot]) - 1
            if hashes[position] == name.hash && entries[position].0 == name.text { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }
}

/// A field name with its hash, computed once (the template renderer keeps these for every tag).
public struct ViewName: Sendable, Hashable {
    public let text: String
    let hash: UInt32

    public init(_ text: String) {
        self.text = text
        self.hash = Self.hash(of: text)
    }

    init(_ text: String, hash: UInt32) {
        self.text = text
        self.hash = hash
    }

    /// FNV-1a over the UTF-8 bytes: short names, no per-process seed, a few instructions a byte.
    /// Read in place (`TextEscaper.withUTF8`): every field of every view object is hashed as it
    /// is made.
    static func hash(of text: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        TextEscaper.withUTF8(of: text) { bytes in
            for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        }
        return hash
    }
}

extension ViewValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension ViewValue {
    /// Optional text: nil becomes empty text.
    public static func text(_ value: String?) -> ViewValue { .text(value ?? "") }

    /// An optional moment: nil becomes empty text.
    public static func time(_ value: Timestamp?, _ style: TimeStyle) -> ViewValue { value.map { .time($0, style) } ?? .text("") }

    /// A list of objects.
    public static func objects(_ items: [ViewObject]) -> ViewValue { .list(items.map(ViewValue.object)) }

    /// `ViewObject.withFields` on this value, when it is an object; `body` gets nil for anything else.
    public func withObjectFields(_ body: (BorrowedViewFields?) -> Void) {
        guard case .object(let object) = self else { return body(nil) }
        object.withFields { body($0) }
    }

    /// The text, when this is a `.text`.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

extension ViewValue {
    /// Text in both languages.
    public static func localized(zh: String, en: String) -> ViewValue { .localized(LocalizedText(zh: zh, en: en)) }

    /// Optional text in both languages: nil becomes empty text.
    public static func localized(_ text: LocalizedText?) -> ViewValue { text.map(ViewValue.localized) ?? .text("") }

    /// This value as a page in `language` sees it: every `.localized` text becomes that
    /// language's `.text`, at every depth.
    public func resolved(_ language: Language) -> ViewValue {
        switch self {
        case .text, .flag, .time: self
        case .localized(let text): .text(language.pick(text))
        case .list(let items): .list(items.map { $0.resolved(language) })
        case .object(let object): .object(object.resolved(language))
        }
    }

    /// One value for both languages from one per language of the same shape: equal parts kept,
    /// texts that differ made `.localized`.
    ///
    /// For parts drawn once per build by single-language code (interface texts, farm cards,
    /// sessions); each language's view comes from the same code and data, so only texts differ.
    /// A difference in shape is a bug in that code and stops the build.
    public static func bilingual(zh: ViewValue, en: ViewValue, at path: String = "") -> ViewValue {
        switch (zh, en) {
        case (.text(let zhText), .text(let enText)): zhText == enText ? zh : .localized(zh: zhText, en: enText)
        case (.flag(let zhFlag), .flag(let enFlag)) where zhFlag == enFlag: zh
        case (.time(let zhTime, let zhStyle), .time(let enTime, let enStyle))
        where zhTime == enTime && zhTime.utcOffsetMinutes == enTime.utcOffsetMinutes && zhStyle == enStyle:
            zh
        case (.list(let zhItems), .list(let enItems)) where zhItems.count == enItems.count:
            .list(zip(zhItems, enItems).enumerated().map { bilingual(zh: $1.0, en: $1.1, at: "\(path)[\($0)]") })
        case (.object(let zhObject), .object(let enObject)): .object(ViewObject.bilingual(zh: zhObject, en: enObject, at: path))
        default: preconditionFailure("the Chinese and English views differ in shape at '\(path)'")
        }
    }
}

extension ViewObject {
    /// This object as a page in `language` sees it (`ViewValue.resolved`).
    public func resolved(_ language: Language) -> ViewObject {
        var resolved = ViewObject()
        resolved.reserveCapacity(entries.count)
        for position in entries.indices {
            resolved.set(ViewName(entries[position].0, hash: hashes[position]), entries[position].1.resolved(language))
        }
        return resolved
    }

    /// One object for both languages from single-language code, drawn once per language.
    public static func bilingual(_ draw: (Language) -> ViewObject) -> ViewObject {
        bilingual(zh: draw(.chinese), en: draw(.english))
    }

    /// One object for both languages from one per language with the same names (`ViewValue.bilingual`).
    public static func bilingual(zh: ViewObject, en: ViewObject, at path: String = "") -> ViewObject {
        precondition(zh.entries.count == en.entries.count, "the Chinese and English views have different fields at '\(path)'")
        var merged = ViewObject()
        merged.reserveCapacity(zh.entries.count)
        for position in zh.entries.indices {
            let name = ViewName(zh.entries[position].0, hash: zh.hashes[position])
            guard let enValue = en[name] else { preconditionFailure("the English view lacks '\(path).\(name.text)'") }
            merged.set(name, ViewValue.bilingual(zh: zh.entries[position].1, en: enValue, at: "\(path).\(name.text)"))
        }
        return merged
    }
}

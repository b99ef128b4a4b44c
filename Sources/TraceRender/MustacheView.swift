import Mustache
import TraceModel
import TraceView

/// Adapts a `ViewObject` to swift-mustache for a page in one language, and notices names no
/// view provides.
///
/// swift-mustache renders an unknown name as empty text, so a typo in a template would silently
/// blank a line of the page. Each wrapper knows its enclosing objects; when a lookup misses here
/// and in every enclosing object, the name is recorded and the render fails with it.
struct MustacheView: MustacheParent {
    let object: ViewObject
    let enclosing: [ViewObject]
    let unknownNames: UnknownNames
    /// Which text of a `.localized` value the page shows.
    let language: Language

    func child(named name: String) -> Any? {
        if let value = object[name] { return adapt(value) }
        if !enclosing.contains(where: { $0[name] != nil }) { unknownNames.insert(name) }
        return nil
    }

    private func adapt(_ value: ViewValue) -> Any? {
        switch value {
        case .text(let text): return text.isEmpty ? AbsentText() : text
        case .localized(let text): return adapt(.text(language.pick(text)))
        case .time(let time, let style): return style.text(time)
        case .flag(let flag): return flag
        case .list(let items): return items.compactMap(adapt)
        case .object(let nested): return MustacheView(object: nested, enclosing: enclosing + [object], unknownNames: unknownNames, language: language)
        }
    }
}

/// Empty text: renders as nothing and counts as false in `{{#name}}`.
struct AbsentText: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// Names looked up during one render that no view object has. One instance per render, so no
/// sharing between render threads.
final class UnknownNames {
    private(set) var names: Set<String> = []
    func insert(_ name: String) { names.insert(name) }
}

/// Why a page could not be rendered. Each case prints one line naming the template.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The templates folder does not exist.
    case missingTemplatesFolder(String)
    /// A template every site needs is missing.
    case missingTemplate(name: String, folder: String)
    /// A template includes a partial that does not exist.
    case missingPartial(template: String, partial: String)
    /// A template does not parse.
    case syntax(template: String, line: Int, column: Int, message: String)
    /// A template uses names that no view provides (a typo, or a field that does not exist);
    /// `places` says for each name where it is used first (`{{t.lott}} on line 42 of
    /// batch.mustache`) and what was probably meant (`did you mean 'lot'?`), or is empty when
    /// neither is known.
    case unknownNames(template: String, names: [String], places: [String] = [])

    public var description: String {
        switch self {
        case .missingTemplatesFolder(let folder):
            "templates folder '\(folder)' does not exist: pass --templates with the folder of the site's Mustache templates, "
                + "or write the default ones with `tracepress init`"
        case .missingTemplate(let name, let folder):
            "template '\(folder)/\(name).mustache' is missing"
        case .missingPartial(let template, let partial):
            "template '\(template).mustache' includes partial '\(partial)', which does not exist"
        case .syntax(let template, let line, let column, let message):
            "template '\(template).mustache' line \(line) column \(column): \(message)"
        case .unknownNames(let template, let names, let places):
            "template '\(template).mustache' (or a partial it includes) uses unknown name\(names.count == 1 ? "" : "s") "
                + names.enumerated().map { index, name in
                    let place = index < places.count && !places[index].isEmpty ? " (\(places[index]))" : ""
                    return "'\(name)'\(place)"
                }.joined(separator: ", ")
        }
    }
}

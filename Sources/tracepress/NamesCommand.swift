import ArgumentParser
import TracePressCore
import TraceView

struct NamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names",
        abstract: "List every name a template can use, with its value in an example page.",
        discussion: """
            For the people who edit Templates/: prints each {{name}}, {{#section}} and list a template's \
            page has, as the build draws it from the store, with the value it takes in an example page \
            (the first batch, the first product's list…). A name not listed is an error in a build. \
            Partials (partials/) see the names of the page that includes them. Interface texts are \
            {{t.key}}, from strings.json.

            Templates: \(TemplateNames.templates.map { "\($0.name) (\($0.example))" }.joined(separator: ", ")).
            """)

    @Argument(help: "The template: batch, product, site, home, 404, live or recalls.")
    var template = "batch"

    @OptionGroup var sources: SourceOptions

    @Option(name: .long, help: "The page's language: zh-CN or en.")
    var language = "zh-CN"

    func run() throws {
        guard let language = Language(rawValue: language) else {
            throw ValidationError("--language must be zh-CN or en, not '\(language)'")
        }
        let options = sources.buildOptions()
        // `batch.mustache` names the same template as `batch`.
        let name = template.hasSuffix(".mustache") ? String(template.dropLast(".mustache".count)) : template
        do {
            let outline = try TemplateNames.outline(of: name, options: options, language: language)
            print("Names in \(sources.templates)/\(name).mustache, with their values in \(outline.page) (\(language.rawValue)):")
            print()
            for line in outline.lines { print(line) }
        } catch {
            throw Console.fail(error)
        }
    }
}

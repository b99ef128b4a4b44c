import ArgumentParser
import Foundation
import TraceStarter

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new site: write the default Templates/ and Public/ to edit.",
        discussion: """
            Writes the Mustache templates (batch, product, site, live, recalls, home, 404, partials/ and \
            strings.json with every Chinese and English text) and the assets (stylesheet, images, \
            two small optional scripts) that `tracepress build` uses by default, so a site can be \
            restyled and reworded without this tool's sources. Nothing is overwritten: a \
            Templates/ or Public/ folder that already holds files stops it before it writes anything.
            """)

    @Argument(help: "The site's folder (created if missing).")
    var folder = "."

    func run() throws {
        let written: [(folder: String, files: Int)]
        do {
            written = try StarterSite.write(into: folder)
        } catch {
            throw Console.fail(error)
        }
        let place = folder == "." ? "" : " in \(folder)"
        print("wrote " + written.map { "\($0.folder)/ (\($0.files) files)" }.joined(separator: " and ") + place)
        print("next:")
        if folder != "." { print("  cd " + (folder.contains(" ") ? "'\(folder)'" : folder)) }
        print("""
              tracepress demo     # a demo store to try them on (or import your own data)
              tracepress serve    # preview on http://127.0.0.1:8080/, rebuilt when you save
              tracepress names    # every name Templates/batch.mustache can use, with an example
            """)
    }
}

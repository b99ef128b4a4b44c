import Foundation
import PackagePlugin

/// Embeds the repository's `Templates/` and `Public/` into the `TraceStarter` module at build
/// time, so `tracepress init` carries the very files this repository builds with and no copy
/// of them is kept in the sources. Every file is an input and an argument of `starter-embedder`:
/// editing, adding or removing one regenerates the module's `StarterFiles.swift`.
@main
struct EmbedStarter: BuildToolPlugin {
    static let folders = ["Templates", "Public"]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in Self.folders {
            let base = root.appending(path: folder)
            // Hidden files (an editor's swap file, a `.DS_Store`) are not part of the theme.
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: .skipsHiddenFiles)
            else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "StarterFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the starter templates and assets for tracepress init",
                executable: try context.tool(named: "starter-embedder").url,
                // The very files it depends on, so one walk decides what is embedded.
                arguments: [output.path, root.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}

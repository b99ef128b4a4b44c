import ArgumentParser

/// `tracepress`: turns a product-trace store into a static traceability website.
@main
struct TracePressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracepress",
        abstract: "Turn a SQLite product-trace store into a static traceability website.",
        discussion: """
            For every production batch TracePress writes one HTML page and one QR code (SVG and PNG) \
            at the batch's GS1 Digital Link path, 01/<GTIN-14>/10/<lot>/, ready to upload to any CDN.

            Try it:
              tracepress init     # write Templates/ and Public/ to edit
              tracepress demo     # write trace.sqlite with 60 demo batches
              tracepress build    # render _site/ from the store and Templates/
              tracepress check    # list every problem in the store
              tracepress serve    # preview on 127.0.0.1:8080, rebuilt on save
              tracepress names    # the names a template can use, with examples
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, DemoCommand.self, BuildCommand.self, MergeCommand.self, CheckCommand.self, MigrateCommand.self, ImportCommand.self, ExportCommand.self,
            ServeCommand.self, QRCommand.self, NamesCommand.self,
        ]
    )
}

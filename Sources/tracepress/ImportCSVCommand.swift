import ArgumentParser

struct ImportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "csv", abstract: "Import one CSV file per table.")
    func run() throws {}
}

import ArgumentParser
import TraceModel
import TracePressCore
import TraceStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the trace store; print one line per problem.",
        discussion: """
            Checks GTIN check digits, lots that cannot be served, duplicate lots, missing products and \
            sites, expiry before production, steps out of order, verdicts the value and limit do not \
            support, rows that point to nothing, and more. Exit status 0 only when the store is clean: \
            exactly the rules `build` applies before it publishes. Warnings name what pages will leave \
            out rather than show broken (a livestream ending before it starts or without an http(s) \
            link, a poster missing from Public/, a site without coordinates); they do not fail.
            """)

    @Option(name: .long, help: "The SQLite trace store.")
    var store = "trace.sqlite"

    @Option(name: .long, help: "The Public/ folder, to check that livestream posters exist.")
    var `public` = "Public"

    func run() throws {
        let problems: [StoreProblem]
        let warnings: [String]
        do {
            let audit = StoreAudit(storePath: store)
            problems = try audit.run { checked, total in Console.progress("check: \(checked) / \(total) batches") }
            Console.endProgress()
            warnings = try audit.omissions(publicPath: `public`)
        } catch {
            Console.endProgress()
            throw Console.fail(error)
        }
        Self.printProblems(problems, limit: nil)
        for warning in warnings { print("warning: \(warning)") }
        guard problems.isEmpty else {
            Console.error("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(store)")
            throw ExitCode(1)
        }
        print("\(store): no problems found")
    }

    /// One line per problem on stdout; with a limit, the rest are counted.
    static func printProblems(_ problems: [StoreProblem], limit: Int?) {
        let shown = limit.map { Array(problems.prefix($0)) } ?? problems
        for problem in shown { print(problem) }
        if shown.count < problems.count { print("… and \(problems.count - shown.count) more") }
    }
}

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Upgrade a store written by an older TracePress to the current schema.")

    @Option(name: .long, help: "The SQLite trace store.")
    var store = "trace.sqlite"

    func run() throws {
        do {
            _ = try TraceStore(path: store, mode: .readWrite)
        } catch {
            throw Console.fail(error)
        }
        print("\(store) is at the current schema (\(StoreSchema.knownMigrations.last ?? "none"))")
    }
}

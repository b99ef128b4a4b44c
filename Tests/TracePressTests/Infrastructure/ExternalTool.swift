import Foundation

/// Runs a program and captures what it prints. Tests use real tools (zbarimg, rsvg-convert,
/// chromium); the README's test command installs them, so a missing tool fails the test.
struct ExternalTool {
    struct Result {
        var status: Int32
        var output: String
        var errorOutput: String
    }

    /// Runs a program to its end, or stops it (SIGTERM) after `timeout` seconds, so a tool that
    /// hangs fails its test instead of holding the whole suite.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try locate(executable))
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [process] in
            if process.isRunning { process.terminate() }
        }
        // Read before waiting so a full pipe cannot stall the child.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            errorOutput: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a program and returns its standard output as bytes (for binary or non-UTF-8 output).
    static func runRaw(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try locate(executable))
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ToolFailed(name: executable, status: process.terminationStatus) }
        return data
    }

    struct ToolFailed: Error {
        let name: String
        let status: Int32
    }

    static func locate(_ name: String) throws -> String {
        if name.hasPrefix("/") { return name }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw ToolMissing(name: name)
    }

    struct ToolMissing: Error, CustomStringConvertible {
        let name: String
        var description: String { "\(name) is not installed; run the README's test command, which installs it" }
    }
}

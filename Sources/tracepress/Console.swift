import ArgumentParser
import Foundation

/// Where the CLI talks to people: results on stdout, errors and progress on stderr.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// A line on stderr; on a terminal it replaces the progress line, which is redrawn below it.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data(((isInteractive ? "\r\u{1B}[2K" : "") + "\(message)\n").utf8))
    }

    /// Whether stderr is a terminal (progress lines are redrawn only there).
    static let isInteractive = isatty(STDERR_FILENO) == 1

    /// Redraws one progress line on a terminal; does nothing in logs and CI.
    static func progress(_ line: String) {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
    }

    static func endProgress() {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    /// Prints each broken link a `--strict` build refused, then the error line; exits non-zero.
    static func failForBrokenLinks(_ findings: [String]) -> ExitCode {
        for finding in findings { note("broken link: \(finding)") }
        error("\(findings.count) broken link\(findings.count == 1 ? "" : "s") (above) with --strict: nothing was published")
        return ExitCode(1)
    }

    /// Prints an error as one line (problems one per line first) and exits non-zero.
    static func fail(_ failure: any Error) -> ExitCode {
        error(String(describing: failure))
        return ExitCode(1)
    }
}

/// A monotonic stopwatch for rates and the closing summary.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

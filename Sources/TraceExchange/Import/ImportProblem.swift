/// One thing wrong with an input file, with where it is: a JSON pointer such as
/// `/epcisBody/eventList/3/eventTime`, or a CSV `line 4, column 2 (lot)`.
public struct ImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as given on the command line.
    public var file: String
    /// Where in the file; empty for the file as a whole.
    public var place: String
    /// What is wrong, in words a person can act on.
    public var message: String

    public init(file: String, place: String, message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    public var description: String { place.isEmpty ? "\(file): \(message)" : "\(file): \(place): \(message)" }
}

/// Why an import changed nothing. Every problem of every file is listed, not only the first.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    /// The inputs have problems; the store was left untouched.
    case invalidInput([ImportProblem])
    /// A file could not be read at all.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalidInput(let problems):
            let count = "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
            return "\(count) in the input; the store was not changed:\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
        case .unreadable(let file, let reason):
            return "cannot read '\(file)': \(reason); the store was not changed"
        }
    }
}

/// What an import did, for the one-line summary and the notes below it.
public struct ImportReport: Sendable {
    /// Rows or events newly written.
    public var added = 0
    /// Inputs already in the store exactly as given (re-imports).
    public var unchanged = 0
    /// Batches whose rows were (re)derived.
    public var batchesUpdated = 0
    /// Things worth knowing that did not stop the import (ignored fields, upstream lots).
    public var notes: [String] = []

    public init() {}
}

/// Why the output could not be written. Each case prints one line naming the path.
public enum PublishError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A path that would leave the output folder.
    case unsafePath(String)
    /// `--out` names something TracePress did not make; it is never replaced.
    case notASite(String)
    /// A file system call failed.
    case io(path: String, doing: String, reason: String)
    /// A file in `Public/` has the name of a file the build generates.
    case publicFileConflict(String)
    /// Another build is writing the same output.
    case locked(String)

    public var description: String {
        switch self {
        case .unsafePath(let path):
            "refusing to write '\(path)': it would leave the output folder"
        case .notASite(let path):
            "'\(path)' exists and was not made by TracePress; refusing to replace it (choose another --out)"
        case .io(let path, let doing, let reason):
            "cannot \(doing) '\(path)': \(reason)"
        case .publicFileConflict(let path):
            "Public/\(path) has the name of a generated file; rename or remove it"
        case .locked(let path):
            "another tracepress build is writing '\(path)'; wait for it to finish"
        }
    }
}

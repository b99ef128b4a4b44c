/// Why `tracepress init` wrote nothing.
public enum StarterError: Error, Equatable, CustomStringConvertible {
    /// The folder is there and holds files, which `init` would overwrite.
    case alreadyThere(String)
    /// The path given is a file, where a site's folder would go.
    case notAFolder(String)
    /// The file system refused a write.
    case cannotWrite(String, reason: String)

    public var description: String {
        switch self {
        case .alreadyThere(let path):
            "'\(path)' already exists and is not empty; nothing was written (init only starts new sites: "
                + "move the folder aside to start again from the defaults)"
        case .notAFolder(let path):
            "'\(path)' is a file, not a folder; nothing was written (give init a new or empty folder)"
        case .cannotWrite(let path, let reason):
            "could not write '\(path)': \(reason); nothing was written"
        }
    }
}

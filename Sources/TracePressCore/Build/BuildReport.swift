/// What a build produced, for the closing summary line.
public struct BuildReport: Sendable, Equatable {
    /// Batch pages written (each with `qr.svg` and `qr.png`).
    public var batchPages = 0
    /// Product listing pages written.
    public var productPages = 0
    /// Every file in the published folder, assets included.
    public var files = 0
    /// The folder that now holds the site.
    public var outputPath = ""
    /// The base URL the QR codes point to.
    public var baseURL = ""
}

/// Progress of a running build, reported after each chunk.
public struct BuildProgress: Sendable {
    public var batchesDone: Int
    public var batchesTotal: Int
}

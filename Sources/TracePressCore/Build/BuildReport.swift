import Dispatch

/// What a build did, for the closing summary line.
public struct BuildReport: Sendable, Equatable {
    /// Batches rendered this build (each with its page, QR codes, linkset and data).
    public var rendered = 0
    /// Batches whose inputs had not changed: their files were kept as they were.
    public var unchanged = 0
    /// Batches that left the store: their folders were removed.
    public var removed = 0
    /// Product listing pages.
    public var productPages = 0
    /// Site pages (farms, factory, lab…), counting each listing page once.
    public var sitePages = 0
    /// What pages left out rather than show broken, one line each.
    public var omissions: [String] = []
    /// Files written or removed (their URLs are in `.tracepress/changed-urls.txt`).
    public var changedFiles = 0
    /// The folder that now holds the site.
    public var outputPath = ""
    /// The base URL the QR codes point to.
    public var baseURL = ""
    /// Wall time of each phase of the build, in order (`build --timings`).
    public var phases: [BuildPhase] = []

    /// Batch pages in the site.
    public var batchPages: Int { rendered + unchanged }
}

/// Progress of a running build, after each chunk of batches (with the listing pages drawn beside them).
public struct BuildProgress: Sendable {
    /// Product, site, live and recall pages done (per language) while those are drawn beside
    /// the batches; nil once they are done.
    public var listingPagesDone: Int?
    public var batchesDone: Int
    public var batchesTotal: Int

    public init(listingPagesDone: Int? = nil, batchesDone: Int, batchesTotal: Int) {
        self.listingPagesDone = listingPagesDone
        self.batchesDone = batchesDone
        self.batchesTotal = batchesTotal
    }
}

/// One phase of a build and how long it took.
public struct BuildPhase: Sendable, Equatable {
    public var name: String
    public var seconds: Double
}

/// Times the phases of a build, each from the end of the one before.
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var phases: [BuildPhase] = []

    /// Ends the current phase under `name`.
    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append(BuildPhase(name: name, seconds: Double(now - last) / 1e9))
        last = now
    }
}

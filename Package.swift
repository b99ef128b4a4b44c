// swift-tools-version:6.1
import PackageDescription

/// The pipeline, one target per stage:
/// store (TraceStore) → model (TraceModel) → view (TraceView) → render (TraceRender) + QR (TraceQR)
/// → publish (TracePublish), wired together by TracePressCore and driven by the `tracepress` CLI.
let strictness: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "TracePress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tracepress", targets: ["tracepress"]),
        .library(name: "TracePressCore", targets: ["TracePressCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C libraries reached through pkg-config.
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        .target(name: "CFileSwap"),
        // libqrencode's mask choice, scored on bit rows; libqrencode makes the symbol (qr_mask.c).
        .target(name: "CQRMask", dependencies: ["CQREncode"]),
        .target(
            name: "CPNGWriter",
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("z")]
        ),

        // Model: value types and the rules of the domain; no I/O.
        .target(name: "TraceModel", swiftSettings: strictness),
        // Store: the SQLite trace store (schema, migrations, streaming reads, writes).
        .target(
            name: "TraceStore",
            dependencies: [
                "TraceModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictness
        ),
        // Demo: a deterministic, realistic demo store.
        .target(name: "TraceDemo", dependencies: ["TraceModel", "TraceStore"], swiftSettings: strictness),
        // View: model → plain view values that templates read.
        .target(name: "TraceView", dependencies: ["TraceModel"], swiftSettings: strictness),
        // Render: view values → HTML through Mustache templates.
        .target(
            name: "TraceRender",
            dependencies: ["TraceModel", "TraceView", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strictness
        ),
        // QR: Digital Link URL → QR matrix (libqrencode) → SVG and PNG bytes.
        .target(name: "TraceQR", dependencies: ["CQREncode", "CQRMask", "CPNGWriter"], swiftSettings: strictness),
        // Publish: the only stage that touches the output folder.
        .target(
            name: "TracePublish",
            dependencies: ["CFileSwap", "CXXHash", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictness
        ),
        // Exchange: EPCIS 2.0 and CSV in, EPCIS 2.0 out; the way real trace data reaches the store.
        .target(
            name: "TraceExchange",
            dependencies: ["TraceModel", "TraceStore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictness
        ),
        // Starter: the default Templates/ and Public/, carried in the binary for `tracepress init`;
        // embedded at build time by the EmbedStarter plugin (starter-embedder), never copied by hand.
        .executableTarget(name: "starter-embedder", path: "Sources/StarterEmbedder"),
        .plugin(name: "EmbedStarter", capability: .buildTool(), dependencies: ["starter-embedder"]),
        .target(name: "TraceStarter", swiftSettings: strictness, plugins: ["EmbedStarter"]),
        // Core: wires the stages into the `build`, `check` and `demo` jobs.
        .target(
            name: "TracePressCore",
            dependencies: ["TraceModel", "TraceStore", "TraceDemo", "TraceView", "TraceRender", "TraceQR", "TracePublish"],
            swiftSettings: strictness
        ),
        // Preview: `tracepress serve`, the site on 127.0.0.1, rebuilt and reloaded on save.
        .target(
            name: "TracePreview",
            dependencies: [
                "TracePressCore", "TraceModel", "TraceView", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: strictness
        ),
        .executableTarget(
            name: "tracepress",
            dependencies: [
                "TracePressCore", "TraceDemo", "TraceStore", "TraceQR", "TraceModel", "TraceExchange", "TracePreview",
                "TraceStarter", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictness
        ),
        // `Benchmarks/render/run.sh`: what each of a batch's files costs, in one process.
        .executableTarget(
            name: "tracepress-render-bench",
            dependencies: ["TraceModel", "TraceStore", "TraceView", "TraceRender", "TraceQR", "TracePressCore"],
            path: "Benchmarks/render",
            exclude: ["run.sh"],
            swiftSettings: strictness
        ),
        .testTarget(
            name: "TracePressTests",
            dependencies: [
                "TracePressCore", "TraceModel", "TraceStore", "TraceDemo", "TraceView", "TraceRender", "TraceQR",
                "TracePublish", "TracePreview", "TraceExchange", "TraceStarter", "CQREncode", "CQRMask", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            resources: []
        ),
    ]
)

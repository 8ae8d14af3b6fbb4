// swift-tools-version:5.9
import PackageDescription

// Numeric targets are built with bounds checks off in release builds: the inner loops run
// billions of times and every index is validated where the data enters (parameters, files).
// Release builds are portable: one binary built on a login node must run on every compute node.
// On x86-64 that is x86-64-v3 (AVX2, FMA: Haswell, Zen 1 and later), spelled as the baseline CPU
// plus its features because swiftc's -target-cpu does not know the name and clang's -march would
// win over a later `-Xswiftc -target-cpu -Xswiftc native`, the documented way to build for the
// local CPU. Other architectures keep their baseline.
#if arch(x86_64)
let portableCPU = ["-target-cpu", "x86-64"]
    + ["avx2", "bmi", "bmi2", "f16c", "fma", "lzcnt", "movbe", "xsave", "cx16", "popcnt", "sahf"].flatMap { ["-Xcc", "-m\($0)"] }
#else
let portableCPU: [String] = []
#endif
let fast: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-enforce-exclusivity=unchecked"] + portableCPU, .when(configuration: .release)),
]

/// The plugins (interventions), listed rather than discovered: SwiftPM caches the evaluated
/// manifest by its contents, so a folder found here with FileManager stays invisible to the next
/// build until Package.swift itself changes.
///
/// Adding a plugin = its folder Sources/Plugins/<Name> (with Tests/<Name>Tests), one line in this
/// list, and one line (with its `import`) in Sources/PluginList/Plugins.swift.
///
/// A plugin's science, target <Name>, depends on WorkbenchKit and Datasets only. Figures of its own
/// live in Sources/Plugins/<Name>/Figures, target <Name>Figures (`figures: true`), which may import
/// FigureKit and Render: a subfolder, so a plugin stays one folder to copy, excluded from the
/// science target, so the science cannot import the drawing. `notes: true` keeps a NOTES.md of
/// design notes beside the sources (not a resource).
let plugins: [Plugin] = [
    Plugin("Bilevel", notes: true),
    Plugin("Engagement", notes: true),
    Plugin("GainModulation"),
    Plugin("LearningRule", figures: true),
    Plugin("Maml", notes: true),
    Plugin("TaskSwitch"),
    Plugin("WeightDecay", figures: true),
]

struct Plugin {
    let name: String, figures: Bool, notes: Bool
    init(_ name: String, figures: Bool = false, notes: Bool = false) {
        self.name = name; self.figures = figures; self.notes = notes
    }
    var path: String { "Sources/Plugins/\(name)" }
    var figureTarget: String { "\(name)Figures" }
    /// The science target and, if any, the figure target: what the plugin list and the tests import.
    var modules: [Target.Dependency] { [.target(name: name)] + (figures ? [.target(name: figureTarget)] : []) }
    var targets: [Target] {
        [.target(name: name, dependencies: ["WorkbenchKit", "Datasets"], path: path,
                 exclude: (notes ? ["NOTES.md"] : []) + (figures ? ["Figures"] : []), swiftSettings: fast)]
        + (figures ? [.target(name: figureTarget, dependencies: [.target(name: name), "WorkbenchKit", "FigureKit", "Render"],
                              path: "\(path)/Figures")] : [])
        + [.testTarget(name: "\(name)Tests", dependencies: modules + ["WorkbenchKit", "Datasets", "FigureKit", "TestSupport"])]
    }
}

/// The plugins the paper's figures (Sources/Figures) read runs of by their typed names.
let paperPlugins: [Target.Dependency] = ["Bilevel", "Engagement", "GainModulation", "LearningRule", "Maml", "TaskSwitch"]

let package = Package(
    name: "workbench",
    products: [
        .executable(name: "workbench", targets: ["workbench"]),
        .library(name: "WorkbenchKit", targets: ["WorkbenchKit"]),
        .library(name: "Render", targets: ["Render"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries, each wrapped once (Debian's -dev packages provide them).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),

        // Whole-file-or-nothing output, shared by the run writer and the figure renderer.
        .target(name: "SafeOutput"),
        .target(name: "WorkbenchKit", dependencies: ["CZlib", "SafeOutput"], swiftSettings: fast),
        // The bundled MNIST (the project's only data files) travels as this target's resources.
        .target(name: "Datasets", dependencies: ["WorkbenchKit", "CZlib", "CCrypto"],
                resources: [.copy("Resources/mnist")], swiftSettings: fast),
        // Our own C: runs libpng under setjmp so its longjmp errors become return codes.
        .target(name: "CPNGShim", dependencies: ["CPNG"], path: "Sources/CPNGShim"),
        .target(name: "Render", dependencies: ["CCairo", "CPNGShim", "SafeOutput"]),
        // The run farm behind `workbench figures`: run requests, keys, cache, scheduler, shards,
        // progress, run records, claims, the figure protocol and index.md. It knows no plugin and
        // no figure: the CLI hands it the registry and the figures.
        .target(name: "FigureKit", dependencies: ["WorkbenchKit", "Render"]),
        // The paper's figures (Figs. 2-21), drawn from the plugins' runs by their typed names.
        .target(name: "Figures", dependencies: ["WorkbenchKit", "Datasets", "Render", "FigureKit"] + paperPlugins),
        // The one plugin list, imported by the CLI and the tests alike.
        .target(name: "PluginList", dependencies: ["WorkbenchKit", "FigureKit"] + plugins.flatMap(\.modules)),
        .executableTarget(
            name: "workbench",
            dependencies: ["WorkbenchKit", "Datasets", "Render", "FigureKit", "Figures", "PluginList",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: fast),

        // Test helpers shared by test targets (no XCTest, so `swift build` builds it too),
        // among them the one way tests find MNIST: the bundled copy, through the Datasets API.
        .target(name: "TestSupport", dependencies: ["Datasets", "WorkbenchKit"], path: "Tests/TestSupport"),
        .testTarget(name: "WorkbenchKitTests", dependencies: ["WorkbenchKit", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "WorkbenchKit", "TestSupport"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "TestSupport"]),
        .testTarget(name: "PluginListTests", dependencies: ["PluginList", "WorkbenchKit", "TestSupport"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "FigureKit", "WorkbenchKit", "Render", "TestSupport", "PluginList"]
                        + plugins.flatMap(\.modules)),
    ] + plugins.flatMap(\.targets)
)

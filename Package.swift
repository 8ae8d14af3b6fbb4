// swift-tools-version:5.9
import Foundation
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

/// One module per intervention: every folder under Sources/Plugins is one, found here, so adding
/// an intervention means adding its folder and one line in the CLI's plugin list
/// (Sources/workbench/Plugins.swift). Its tests, in Tests/<Name>Tests, are a target when that
/// folder exists. A plugin may import FigureKit to contribute figures of its own.
let pluginsDirectory = "\(Context.packageDirectory)/Sources/Plugins"
let pluginNames = ((try? FileManager.default.contentsOfDirectory(atPath: pluginsDirectory)) ?? [])
    .filter { name in
        var isDirectory: ObjCBool = false
        return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: "\(pluginsDirectory)/\(name)", isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
    .sorted()

/// A plugin may keep its design notes in NOTES.md beside its sources (not a resource).
func pluginExcludes(_ name: String) -> [String] {
    FileManager.default.fileExists(atPath: "\(Context.packageDirectory)/Sources/Plugins/\(name)/NOTES.md") ? ["NOTES.md"] : []
}

let pluginTargets: [Target] = pluginNames.map { name in
    .target(name: name, dependencies: ["WorkbenchKit", "Datasets", "FigureKit", "Render"],
            path: "Sources/Plugins/\(name)", exclude: pluginExcludes(name), swiftSettings: fast)
}
let pluginTests: [Target] = pluginNames
    .filter { FileManager.default.fileExists(atPath: "\(Context.packageDirectory)/Tests/\($0)Tests") }
    .map { name in .testTarget(name: "\(name)Tests", dependencies: [.target(name: name), "WorkbenchKit", "Datasets", "FigureKit", "TestSupport"]) }

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
        .target(name: "Figures", dependencies: ["WorkbenchKit", "Datasets", "Render", "FigureKit"]
                    + pluginNames.map { .target(name: $0) }),
        .executableTarget(
            name: "workbench",
            dependencies: ["WorkbenchKit", "Datasets", "Render", "FigureKit", "Figures",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
                + pluginNames.map { .target(name: $0) },
            swiftSettings: fast),

        // Test helpers shared by test targets (no XCTest, so `swift build` builds it too),
        // among them the one way tests find MNIST: the bundled copy, through the Datasets API.
        .target(name: "TestSupport", dependencies: ["Datasets"], path: "Tests/TestSupport"),
        .testTarget(name: "WorkbenchKitTests", dependencies: ["WorkbenchKit", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "WorkbenchKit", "TestSupport"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "TestSupport"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "FigureKit", "WorkbenchKit", "Render", "TestSupport"]
                        + pluginNames.map { .target(name: $0) }),
    ] + pluginTargets + pluginTests
)

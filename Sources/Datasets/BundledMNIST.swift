import Foundation
import WorkbenchKit

/// The full MNIST that travels with the project: the four IDX .gz files are resources of this
/// target (Sources/Datasets/Resources/mnist, CC BY-SA 3.0, attribution in its README.md).
/// SwiftPM copies them beside the built executable, into `workbench_Datasets.resources`; a
/// binary moved elsewhere still finds the copy in the package's source folder.
public enum BundledMNIST {
    /// sha256 of each .gz file exactly as bundled (the same table is in the folder's README.md).
    public static let sha256: [String: String] = [
        "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
        "train-images-idx3-ubyte.gz": "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971",
        "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    ]

    /// Where the copy may be, in order: beside the running executable (SwiftPM's resource
    /// bundle), then the package sources this binary was built from.
    static var candidates: [String] {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        let beside = Bundle.main.executableURL ?? executable
        let resourceBundle = beside.resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("workbench_Datasets.resources/mnist").path
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/mnist").path
        return [resourceBundle, sources]
    }

    /// The folder holding the bundled copy, or an error naming where it was looked for.
    public static func directory() throws -> String {
        for path in candidates where isComplete(path) { return path }
        throw WorkbenchError("the bundled MNIST files are missing (looked in \(candidates.joined(separator: " and "))); rebuild from a complete checkout, or pass --mnist DIR / set MNIST_DIR")
    }

    private static func isComplete(_ path: String) -> Bool {
        sha256.keys.allSatisfy { FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent($0)) }
    }

    /// The recorded checksum when `path` is one of the bundled files, nil for a user's file.
    static func expectedChecksum(of path: String) -> String? {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        guard let expected = sha256[url.lastPathComponent] else { return nil }
        let folder = url.deletingLastPathComponent().path
        let bundled = candidates.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
        return bundled.contains(folder) ? expected : nil
    }

    /// Checks `bytes`, read from `path`, against `expected`: a damaged or edited copy is refused
    /// before any statistic is computed from it.
    static func verify(_ bytes: [UInt8], path: String, expected: String) throws {
        let found = SHA256.hex(bytes)
        guard found == expected else {
            throw WorkbenchError("\(path): sha256 is \(found), expected \(expected); the bundled MNIST copy is damaged: restore it (git checkout -- Sources/Datasets/Resources/mnist) and rebuild, or pass --mnist DIR")
        }
    }
}

/// Where MNIST is read from: `--mnist DIR`, then `$MNIST_DIR`, then the bundled copy.
public enum MNISTLocation {
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let explicit { return explicit }
        if let variable = environment["MNIST_DIR"], !variable.isEmpty { return variable }
        return try BundledMNIST.directory()
    }
}

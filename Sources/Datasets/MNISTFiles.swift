import Foundation
import WorkbenchKit

/// Which half of MNIST to read: `train` (60000 images) or `test` (the 10000 `t10k` images).
public enum MNISTSplit: String, CaseIterable, Sendable, Codable {
    case train, test

    /// LeCun's file-name prefix for the split.
    var filePrefix: String { self == .train ? "train" : "t10k" }
}

/// Finds the four standard MNIST files in a directory, raw or gzipped, so users can point the
/// tool at a download without renaming or unpacking anything.
enum MNISTFiles {
    enum Kind: String { case images, labels }

    static func baseName(_ split: MNISTSplit, _ kind: Kind) -> String {
        "\(split.filePrefix)-\(kind.rawValue)-idx\(kind == .images ? 3 : 1)-ubyte"
    }

    /// Candidate names in order of preference; raw first because it needs no decompression.
    static func candidates(_ split: MNISTSplit, _ kind: Kind) -> [String] {
        let base = baseName(split, kind)
        return [base, base + ".gz"]
    }

    static func locate(directory: String, split: MNISTSplit, kind: Kind) throws -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        guard exists, isDirectory.boolValue else {
            throw WorkbenchError("MNIST directory \(directory) \(exists ? "is not a directory" : "does not exist"); expected a directory holding the IDX files (e.g. \(baseName(.test, .images)).gz)")
        }
        let names = candidates(split, kind)
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        var message = "MNIST \(split.rawValue) \(kind.rawValue) not found in \(directory): expected \(names.joined(separator: " or "))"
        if split == .train {
            let testThere = candidates(.test, kind).contains {
                FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0))
            }
            message += testThere ? " (the test split is there: use --split test)" : " (use --split test if you only have the t10k files)"
        }
        throw WorkbenchError(message)
    }
}

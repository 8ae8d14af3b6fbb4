import Foundation
import WorkbenchKit

/// Runs cached on disk, one folder per run under `<out>/runs/`, named by the hash of the run's
/// resolved parameters. A folder counts as done when its result.json exists (the runner writes
/// it last, atomically) and its key.txt matches; anything else is recomputed.
public struct RunCache {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public func folder(_ key: RunKey, experiment: String) -> String {
        (directory as NSString).appendingPathComponent(key.folderName(experiment))
    }

    public func isComplete(_ key: RunKey, experiment: String) -> Bool {
        let dir = folder(key, experiment: experiment) as NSString
        guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("result.json")),
              let data = FileManager.default.contents(atPath: dir.appendingPathComponent("key.txt")) else { return false }
        return String(decoding: data, as: UTF8.self) == key.text
    }

    /// Records which run a folder holds before computing it, so the result can be verified on reuse.
    public func prepare(_ key: RunKey, experiment: String) throws -> String {
        let dir = folder(key, experiment: experiment)
        try AtomicFile.prepareDirectory(dir)
        // A result left by some other run (a hash collision) must not pass for this one.
        try? FileManager.default.removeItem(atPath: (dir as NSString).appendingPathComponent("result.json"))
        try AtomicFile.write(key.text, to: (dir as NSString).appendingPathComponent("key.txt"))
        return dir
    }
}

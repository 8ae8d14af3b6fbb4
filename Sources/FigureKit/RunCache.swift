import Foundation
import WorkbenchKit

/// Runs cached on disk, one folder per run under `<out>/runs/`, named by the hash of the run's
/// resolved parameters. A folder counts as done when its result.json exists (the runner writes
/// it last, atomically), its key.txt matches and its files are whole (`RunValidation`); a
/// damaged one is reported and recomputed, anything else is computed.
struct RunCache {
    public enum State: Equatable {
        /// Nothing usable yet (no folder, an interrupted run without result.json, or another run's key).
        case missing
        case complete
        /// result.json is there but the folder cannot be trusted: the reason.
        case damaged(String)
    }

    public let directory: String

    public init(directory: String) { self.directory = directory }

    public func folder(_ key: RunKey, experiment: String) -> String {
        (directory as NSString).appendingPathComponent(key.folderName(experiment))
    }

    public func state(_ key: RunKey, experiment: String) -> State {
        let dir = folder(key, experiment: experiment)
        guard FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent(RunFiles.result)),
              let data = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent("key.txt")),
              String(decoding: data, as: UTF8.self) == key.text else { return .missing }
        return RunValidation.problem(folder: dir).map(State.damaged) ?? .complete
    }

    /// Records which run a folder holds before computing it, so the result can be verified on reuse.
    public func prepare(_ key: RunKey, experiment: String) throws -> String {
        let dir = folder(key, experiment: experiment)
        try AtomicFile.prepareDirectory(dir)
        // A result left by some other run (a hash collision) must not pass for this one.
        try? FileManager.default.removeItem(atPath: (dir as NSString).appendingPathComponent(RunFiles.result))
        try AtomicFile.write(key.text, to: (dir as NSString).appendingPathComponent("key.txt"))
        return dir
    }
}

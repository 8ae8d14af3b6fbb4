import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    /// Creates the run's folder (idempotent: several processes may reach it at once).
    public func makeFolder(_ key: RunKey, experiment: String) throws -> String {
        let dir = folder(key, experiment: experiment)
        try AtomicFile.prepareDirectory(dir)
        return dir
    }

    /// Records which run a folder holds, so the result can be verified on reuse. Called by the
    /// claim's holder only; nothing else in the folder is touched: a result there is either this
    /// run's (then it is complete and not recomputed) or, after a hash collision, replaced when
    /// this run publishes its own.
    public func recordKey(_ key: RunKey, in dir: String) throws {
        let path = (dir as NSString).appendingPathComponent("key.txt")
        if FileManager.default.contents(atPath: path) == Data(key.text.utf8) { return }
        try AtomicFile.write(key.text, to: path)
    }

    /// Where one process computes a run before publishing it: a folder of its own inside the
    /// run's, so a process that dies leaves the run folder as it was.
    static func stagingFolder(in dir: String, token: String) -> String {
        (dir as NSString).appendingPathComponent(".computing-\(token)")
    }

    /// Moves a computed run's files from its staging folder into the run folder, each by one
    /// rename, result.json last (a folder with result.json is complete), unless the run is
    /// already complete there (computed by a process that took over this one's claim): a
    /// completed run is never replaced.
    public func publish(_ key: RunKey, experiment: String, from staging: String) throws {
        let dir = folder(key, experiment: experiment)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        if state(key, experiment: experiment) == .complete { return }
        for name in [RunFiles.series, RunFiles.result] {
            let from = (staging as NSString).appendingPathComponent(name), to = (dir as NSString).appendingPathComponent(name)
            guard rename(from, to) == 0 else {
                throw WorkbenchError("cannot move '\(from)' to '\(to)': \(String(cString: strerror(errno))); expected a writable run folder")
            }
        }
    }
}

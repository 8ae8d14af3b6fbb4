import Foundation
import Render
import WorkbenchKit

/// What `workbench figures` was asked to do.
public struct FiguresOptions {
    public var preset: FigurePreset
    /// Figure ids to make (nil = all).
    public var only: [String]?
    public var outDirectory: String
    public var mnistDirectory: String?
    public var jobs: Int
    public var shard: Shard?
    public var formats: [ImageFormat]
    /// List each figure's runs (cached or to compute, with their size) and stop: no run, no drawing.
    public var dryRun = false
    /// Every run's optimiser, where its experiment has one and its figure does not plot the
    /// optimisation itself (nil: each experiment's own, the paper's procedure).
    public var optimizer: OptimizerKind? = nil
    /// Seconds between the lines listing the runs in flight.
    public var heartbeatSeconds = 120.0
    /// Where progress and summary lines go (stderr in the CLI).
    public var log: (String) -> Void

    public init(preset: FigurePreset = .quick, only: [String]? = nil, outDirectory: String = "figures",
                mnistDirectory: String? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                shard: Shard? = nil, formats: [ImageFormat] = [.png], dryRun: Bool = false,
                log: @escaping (String) -> Void = { _ in }) {
        self.preset = preset; self.only = only; self.outDirectory = outDirectory; self.mnistDirectory = mnistDirectory
        self.jobs = jobs; self.shard = shard; self.formats = formats; self.dryRun = dryRun; self.log = log
    }
}

/// What happened, figure by figure.
public struct FiguresReport {
    public struct Made {
        public let id: String; public let files: [String]; public let seconds: Double
        /// Runs whose optimised control ended with a lower value than the baseline control.
        public var controlBelowBaseline: [RunRequest] = []
        /// The figure's claims, checked on its drawn numbers.
        public var claims: [ClaimResult] = []
    }
    public struct NotMade { public let id: String; public let reason: String }
    public var made: [Made] = []
    /// Not attempted: missing data or experiment, with the remedy.
    public var skipped: [NotMade] = []
    /// Attempted and failed (a run or the drawing threw).
    public var failed: [NotMade] = []
    public var runsPlanned = 0
    public var runsCached = 0
    public var runsComputed = 0
    /// Runs left to other shards (shard mode only).
    public var runsElsewhere = 0
    public var shard: Shard?
    public var seconds = 0.0

    /// True when every requested figure was made (in shard mode: when this slice's runs all succeeded).
    public var succeeded: Bool { shard == nil ? skipped.isEmpty && failed.isEmpty : failed.isEmpty }
}

import Foundation
import Render
import WorkbenchKit

/// What `workbench figures` was asked to do.
public struct FiguresOptions {
    public var preset: Preset
    /// Figure ids to make (nil = all).
    public var only: [String]?
    public var outDirectory: String
    public var mnistDirectory: String?
    public var jobs: Int
    public var shard: Shard?
    public var formats: [ImageFormat]
    /// List each figure's runs (cached or to compute, with their size) and stop: no run, no drawing.
    public var dryRun = false
    /// The procedures each figure is computed and drawn under (`Procedure`). The CLI's default is
    /// both; this library default stays the paper's procedure alone.
    public var procedures: [Procedure] = [.paper]
    /// Report, per figure, which runs are cached, claimed by a running process (and which) or
    /// missing, and stop: no run, no drawing, no estimate.
    public var status = false
    /// Draw only from cached runs: compute nothing, and fail the figures whose runs are not all
    /// cached, listing those runs (the merge step after a cluster array).
    public var noCompute = false
    /// Seconds between the lines listing the runs in flight.
    var heartbeatSeconds = 120.0
    /// Run claims: how old a heartbeat makes a claim stale, the clock they are judged by (seconds
    /// since 1970), how often a run held elsewhere is looked at again and how the wait is spent;
    /// injected by tests, so that none depends on timing.
    var claimStaleAfter = RunClaims.defaultStaleAfter
    var claimClock: () -> Double = { Date().timeIntervalSince1970 }
    var claimPollSeconds = 5.0
    var claimSleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }
    /// Where progress and summary lines go (stderr in the CLI).
    public var log: (String) -> Void

    public init(preset: Preset = .quick, only: [String]? = nil, outDirectory: String = "figures",
                mnistDirectory: String? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                shard: Shard? = nil, formats: [ImageFormat] = [.png], dryRun: Bool = false,
                log: @escaping (String) -> Void = { _ in }) {
        self.preset = preset; self.only = only; self.outDirectory = outDirectory; self.mnistDirectory = mnistDirectory
        self.jobs = jobs; self.shard = shard; self.formats = formats; self.dryRun = dryRun; self.log = log
    }
}

/// What happened, figure by figure (index.md and the summary lines say it; the CLI asks only
/// whether it all succeeded).
public struct FiguresReport {
    struct Made {
        /// One procedure's drawing: its files and the claims checked on its numbers.
        struct Drawing {
            let procedure: Procedure
            let files: [String]
            let claims: [ClaimResult]
            /// Runs whose optimized control ended with a lower value than the baseline control.
            let controlBelowBaseline: [RunRequest]
        }
        let id: String
        /// Every drawing's files, the paper's procedure's first.
        var files: [String]
        var seconds: Double
        var drawings: [Drawing] = []
        /// Each claim with its verdict under each procedure drawn and, when both were, its status.
        var verdicts: [ClaimVerdicts] = []
        /// With the optimum drawn: each of its L-BFGS runs' convergence verdict, in request order.
        var convergence: [Convergence.Verdict] = []
        /// With both drawn: V at the optimum against the paper's procedure, run by run.
        var versusPaper: ProcedureComparison? = nil

        func drawing(_ procedure: Procedure) -> Drawing? { drawings.first { $0.procedure == procedure } }
        /// The claims of the first drawing (the paper's procedure's when it was drawn).
        var claims: [ClaimResult] { drawings.first?.claims ?? [] }
        /// Runs of any drawing whose optimized control ended below its baseline.
        var controlBelowBaseline: [RunRequest] {
            drawings.flatMap(\.controlBelowBaseline).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
    }
    struct NotMade { let id: String; let reason: String }
    var made: [Made] = []
    /// Not attempted: missing data or experiment, with the remedy.
    var skipped: [NotMade] = []
    /// Attempted and failed (a run or the drawing threw).
    var failed: [NotMade] = []
    var runsPlanned = 0
    var runsCached = 0
    var runsComputed = 0
    /// Runs left to other shards (shard mode only).
    var runsElsewhere = 0
    /// Runs another process computed while this one waited or planned (found complete under the claim).
    var runsDoneElsewhere = 0
    /// Shard mode: runs of this shard another live process holds the claim on, left to it.
    var runsLeftToOthers = 0
    /// `--status` and `--no-compute`: runs not cached (missing, damaged or claimed).
    var runsNotCached = 0
    /// This call only reported (`--status`): success means every run is cached.
    var statusOnly = false
    var shard: Shard?
    var seconds = 0.0

    /// Nothing was skipped (a dry run succeeds when every figure could be planned).
    public var nothingSkipped: Bool { skipped.isEmpty }

    /// True when every requested figure was made (in shard mode: when every figure could be
    /// prepared and this slice's runs all succeeded; with `--status`: when every run is cached).
    public var succeeded: Bool { skipped.isEmpty && failed.isEmpty && (!statusOnly || runsNotCached == 0) }
}

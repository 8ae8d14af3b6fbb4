import Foundation
import WorkbenchKit

/// The two procedures `workbench figures` computes each figure under. Runs whose experiment has no
/// optimizer parameter are one run, shared by both.
public enum Procedure: String, CaseIterable {
    /// Every run with its experiment's own optimizer, as Tables 1-5 print it.
    case paper
    /// Every run that has an optimizer parameter under L-BFGS, certified converged or reported not.
    case optimum

    /// What index.md and the log call it.
    public var label: String { self == .paper ? "paper's procedure" : "converged optimum" }
    /// The figure's files: `fig4.png` from the paper's procedure (the figure as the paper drew
    /// it), `fig4_optimum.png` from the optimum.
    var fileStem: (String) -> String { self == .paper ? { $0 } : { $0 + "_optimum" } }
    /// The optimizer this procedure sets; nil: each run's own.
    var optimizer: OptimizerKind? { self == .paper ? nil : .lbfgs }
}

/// Whether an optimum run reached its optimum: its final projected gradient norm (largest entry of
/// P(θ + ∇V) - θ, the box's first-order optimality measure) relative to the same at its start.
///
/// The tolerance, 1e-4 (`ConvergenceSettings.certified`): L-BFGS itself aims at 1e-6 and also
/// stops when V changes by less than 1e-10 (relative) once below 1e-4, or when its evaluation
/// budget is spent or its line search finds no ascent. A run that stopped on its budget or line
/// search above 1e-4 is still moving measurably and does not count as converged.
public enum Convergence {
    public static let tolerance = ConvergenceSettings.certified

    /// One optimum run's verdict.
    struct Verdict {
        let request: RunRequest
        /// Final over start projected gradient norm; nil when the run did not record both.
        let relativeNorm: Double?
        let stopReason: String?
        let evaluations: Int?
        var converged: Bool { relativeNorm.map { $0 <= Convergence.tolerance } ?? false }

        /// "`run`: 3.2e-3 (evaluations, 40 evaluations)".
        var text: String {
            let norm = relativeNorm.map(Measure.text) ?? "not recorded (run cached before the start norm was)"
            let why = [stopReason.map { "stopped on \($0)" }, evaluations.map { "\($0) evaluations" }].compactMap { $0 }
            return "`\(request)`: \(norm)" + (why.isEmpty ? "" : " (\(why.joined(separator: ", ")))")
        }
    }

    static func verdict(_ record: RunRecord) -> Verdict {
        let norm = jsonDouble(record.json[RunResults.projectedGradientNorm.text])
        let start = jsonDouble(record.json[RunResults.startProjectedGradientNorm.text])
        let relative = norm.flatMap { n in start.map { n / max($0, .leastNormalMagnitude) } }
        return Verdict(request: record.request, relativeNorm: relative,
                       stopReason: record.json[RunResults.optimizerStopReason.text] as? String,
                       evaluations: jsonDouble(record.json[RunResults.optimizerEvaluations.text]).map { Int($0) })
    }
}

/// A claim's standing once judged under both procedures.
public enum ClaimStatus: String, CaseIterable {
    /// Passes under both, every optimum run the figure draws converged.
    case holds = "holds"
    /// Passes under the paper's procedure, fails at the converged optimum.
    case paperProcedureOnly = "holds only under the paper's procedure"
    /// Fails under the paper's procedure, passes at the converged optimum.
    case optimumOnly = "holds only at the optimum"
    /// Fails under both (whether the optimum converged or not: it fails as the paper's procedure prints it).
    case notReproduced = "not reproduced"
    /// Some optimum run the figure draws did not converge and the claim passes under at least one
    /// procedure: the optimum's verdict is not certified, so neither "holds" nor a difference
    /// between the procedures can be stated.
    case notConverged = "not converged"
    /// Checked on the paper preset only.
    case paperPresetOnly = "paper preset only"

    /// The status from the two verdicts and whether the figure's optimum runs all converged.
    static func of(paper: ClaimResult.Verdict, optimum: ClaimResult.Verdict, converged: Bool) -> ClaimStatus {
        if paper == .paperOnly || optimum == .paperOnly { return .paperPresetOnly }
        if paper == .fail && optimum == .fail { return .notReproduced }
        if !converged { return .notConverged }
        switch (paper, optimum) {
        case (.pass, .pass): return .holds
        case (.pass, _): return .paperProcedureOnly
        default: return .optimumOnly
        }
    }

    /// The rule, once, for index.md and docs.
    static let rule = "*holds*: passes under both procedures, every optimum run the figure draws converged; "
        + "*holds only under the paper's procedure* / *holds only at the optimum*: passes under that one only (optimum converged); "
        + "*not reproduced*: fails under both; *not converged*: an optimum run the figure draws did not converge "
        + "(final projected gradient above \(Measure.text(Convergence.tolerance)) of its start) and the claim passes under at least one "
        + "procedure; *paper preset only*: not checked on this preset"
}

/// A claim's verdicts under the procedures drawn, and its status when both were.
struct ClaimVerdicts {
    let statement: String
    let citation: String
    let paper: ClaimResult?
    let optimum: ClaimResult?
    let status: ClaimStatus?

    static func combine(paper: [ClaimResult]?, optimum: [ClaimResult]?, converged: Bool) -> [ClaimVerdicts] {
        let count = paper?.count ?? optimum?.count ?? 0
        return (0..<count).map { i in
            let p = paper?[i], o = optimum?[i]
            let status = p.flatMap { p in o.map { ClaimStatus.of(paper: p.verdict, optimum: $0.verdict, converged: converged) } }
            let any = (p ?? o)!
            return ClaimVerdicts(statement: any.statement, citation: any.citation, paper: p, optimum: o, status: status)
        }
    }

    /// One index.md bullet: status, both verdicts, statement, citation, the numbers.
    var markdown: String {
        let verdicts = [("paper's procedure", paper), ("optimum", optimum)].compactMap { name, r in r.map { (name, $0) } }
        let head = (status.map { "**\($0.rawValue)**" } ?? "")
            + " (" + verdicts.map { "\($0.0) \($0.1.verdict.rawValue)" }.joined(separator: ", ") + ")"
        let numbers: String
        if verdicts.count == 2, verdicts[0].1.measured == verdicts[1].1.measured {
            numbers = "both: " + verdicts[0].1.measured
        } else {
            numbers = verdicts.map { "\($0.0): \($0.1.measured)" }.joined(separator: "; ")
        }
        return "- \(head.trimmingCharacters(in: .whitespaces)) \(statement) (*\(citation)*): \(numbers)\n"
    }
}

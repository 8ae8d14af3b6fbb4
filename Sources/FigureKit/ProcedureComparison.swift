import Foundation
import WorkbenchKit

/// V at the optimum against V under the paper's procedure, like for like: each pair is one request,
/// the same settings but the optimizer, over the figure's runs where the two procedures differ.
struct ProcedureComparison {
    /// A converged optimum should end at or above the paper's V; more than this below (relative)
    /// means L-BFGS stopped in another, worse basin, which the summary says.
    static let tolerance = 1e-4

    struct Pair {
        let request: RunRequest
        let paperValue: Double
        let optimumValue: Double
        /// (V_optimum - V_paper) / |V_paper|: positive when the optimum is higher.
        var relative: Double { (optimumValue - paperValue) / max(abs(paperValue), .leastNormalMagnitude) }
    }
    let pairs: [Pair]

    var worse: [Pair] { pairs.filter { $0.relative < -Self.tolerance } }

    /// Every distinct request whose two runs differ (none where both procedures are the same run).
    init(_ entry: FigurePlan.Entry, paper: [RunRequest: RunRecord], optimum: [RunRequest: RunRecord]) {
        var seen = Set<RunRequest>(), pairs: [Pair] = []
        for request in entry.requests where seen.insert(request).inserted {
            guard entry.keys[.paper]?[request] != entry.keys[.optimum]?[request],
                  let p = paper[request], let o = optimum[request] else { continue }
            pairs.append(Pair(request: request, paperValue: p.valueControl, optimumValue: o.valueControl))
        }
        self.pairs = pairs
    }

    /// One line for index.md.
    var summary: String {
        guard let lowest = pairs.min(by: { $0.relative < $1.relative }), let highest = pairs.max(by: { $0.relative < $1.relative }) else {
            return "V, optimum against the paper's procedure: no run differs (none has an optimizer parameter, or its own is L-BFGS)"
        }
        var text = "V, optimum against the paper's procedure (same settings otherwise): \(pairs.count) run(s) differ; "
            + "(V_optimum - V_paper)/|V_paper| from \(Measure.text(lowest.relative)) to \(Measure.text(highest.relative))"
        let worse = self.worse
        text += worse.isEmpty ? "" : "; **\(worse.count) below the paper's by more than \(Measure.text(Self.tolerance))**: "
            + worse.map { "`\($0.request)` \(Measure.text($0.relative))" }.joined(separator: ", ")
        return text
    }
}

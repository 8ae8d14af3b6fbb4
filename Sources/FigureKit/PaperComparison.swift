import Foundation
import WorkbenchKit

/// V of a figure's runs made with `figures --optimizer` against the same runs under the paper's
/// procedure, for every pair whose paper run is in the cache too (e.g. after `--optimizer paper`
/// into the same folder): the rule is that no run ends more than `tolerance` (relative)
/// below the paper's procedure's V.
struct PaperComparison {
    static let tolerance = 1e-4

    struct Pair {
        let request: RunRequest
        let value: Double
        let paperValue: Double
        /// (V - V_paper) / |V_paper|: positive when the optimiser went higher.
        var relative: Double { (value - paperValue) / max(abs(paperValue), .leastNormalMagnitude) }
    }
    let pairs: [Pair]
    /// Switched runs with no complete paper run cached to compare with.
    let unmatched: Int

    var worse: [Pair] { pairs.filter { $0.relative < -Self.tolerance } }

    /// nil when the figure has no switched runs.
    init?(_ entry: FigurePlan.Entry, records: [RunRequest: RunRecord], cache: RunCache) {
        guard !entry.paperKeys.isEmpty else { return nil }
        var pairs: [Pair] = [], unmatched = 0
        for (request, paperKey) in entry.paperKeys.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            // Only the twin's V is needed: its result.json, not its (large) series.csv.
            guard let record = records[request], case .complete = cache.state(paperKey, experiment: request.experiment.text),
                  let paperValue = Self.value(in: cache.folder(paperKey, experiment: request.experiment.text))
            else { unmatched += 1; continue }
            pairs.append(Pair(request: request, value: record.valueControl, paperValue: paperValue))
        }
        self.pairs = pairs
        self.unmatched = unmatched
    }

    /// V of the optimised control in a run folder's result.json.
    static func value(in folder: String) -> Double? {
        ResultFile.object(folder: folder).flatMap { jsonDouble($0[RunResults.value.control.text]) }
    }

    /// One line for index.md.
    var summary: String {
        var text = "V against the paper's procedure: "
        if pairs.isEmpty {
            return text + "no paper-procedure run cached for the \(unmatched) switched run(s) (make them with `--optimizer paper` into this folder to compare)"
        }
        let lowest = pairs.min { $0.relative < $1.relative }!
        text += "\(pairs.count) run(s) compared"
            + (unmatched > 0 ? " (\(unmatched) without a cached paper run)" : "")
            + "; relative change (V - V_paper)/|V_paper| from \(Measure.text(lowest.relative)) to "
            + "\(Measure.text(pairs.map(\.relative).max()!))"
        let worse = self.worse
        text += worse.isEmpty ? "; none below by more than \(Measure.text(Self.tolerance))"
            : "; **\(worse.count) below by more than \(Measure.text(Self.tolerance))**: "
                + worse.map { "`\($0.request)` \(Measure.text($0.relative))" }.joined(separator: ", ")
        return text
    }
}

import Bilevel
import FigureKit
import Render
import WorkbenchKit

/// Figure 8 (App. F.2): optimal learning-rate schedules and the resulting dynamics when varying
/// γ and β, with the cost offset 0 (baseline learning is free) and -1 (any learning costs).
struct LearningRateFigure: PaperFigure {
    let number = 8
    let title = "Learning-rate optimisation on the semantic task"
    let caption = """
        Top row: optimal learning rates α(t) = (1 + ρ(t)) α; bottom row: the resulting loss L(t) (the baseline, \
        constant α, in black). (a)-(d) varying γ: (a), (b) with cost offset 0 (the baseline dynamics cost nothing), \
        (c), (d) with offset -1 (any learning is costly); (e)-(h) the same when varying β. More control with larger γ \
        and smaller β; with a high cost only the first levels of the hierarchy are worth learning. ρ starts at 0 \
        (α(t) = α). With offset -1 the runs use Adam with ε = 1e-300: with torch's 1e-8, late steps where γ^t dt has \
        shrunk the gradient below ε never moved, so at γ ≤ 0.7 the late α(t) was the untouched start α and rose \
        with smaller γ. Now the late α(t) is where the optimiser took it: falling towards 0 (no learning is worth \
        its cost that close to a strongly discounted horizon), still above 0 where the iterations ran out.
        """ + " " + DatasetNotes.semanticWithoutBias
    let requiredExperiments = [LearningRateRuns.experiment]

    /// Columns in caption order: (sweep, offset).
    func columns(_ c: PlanContext) -> [(Sweep, Int)] {
        [(LearningRateRuns.gamma(c), 0), (LearningRateRuns.gamma(c), -1),
         (LearningRateRuns.beta(c), 0), (LearningRateRuns.beta(c), -1)]
    }

    func runs(_ c: PlanContext) -> [RunRequest] {
        columns(c).flatMap { $0.0.requests(LearningRateRuns.base(c, offset: $0.1)) }
    }

    func parameterNotes(_ c: PlanContext) -> [String] { [LearningRateRuns.note(c)] }

    static func letter(_ i: Int) -> String { String(Character(UnicodeScalar(97 + i)!)) }

    /// Each column's rate and loss families, as drawn and read by the claims: the caption's
    /// letters run down each column, (a) above (b), (c) above (d), ...
    func families(_ c: PlanContext) -> [(rate: DrawnSeries, loss: DrawnSeries)] {
        columns(c).enumerated().map { k, column in
            (DrawnSeries(panel: Self.letter(2 * k), label: column.0.label), DrawnSeries(panel: Self.letter(2 * k + 1), label: column.0.label))
        }
    }

    func claims(_ c: PlanContext) -> [Claim] {
        /// Mean optimal rate of each curve of a rate panel, in the order of the swept parameter.
        func meanRates(_ n: FigureNumbers, _ family: DrawnSeries) throws -> [Double] {
            try n.family(family).map { Measure.mean($0.values) }
        }
        let families = families(c)
        return [
            Claim("(a, c) more control with larger γ: the mean optimal rate α(t) grows with γ, offset 0 and -1") { n in
                let a = try meanRates(n, families[0].rate), cc = try meanRates(n, families[1].rate)
                return ClaimOutcome(Measure.increasing(a) && Measure.increasing(cc),
                                    "mean α over γ ascending: (a) \(Measure.text(a)); (c) \(Measure.text(cc))")
            },
            Claim("(e, g) more control with smaller β: the mean optimal rate α(t) falls with β, offset 0 and -1") { n in
                let e = try meanRates(n, families[2].rate), g = try meanRates(n, families[3].rate)
                return ClaimOutcome(Measure.decreasing(e) && Measure.decreasing(g),
                                    "mean α over β ascending: (e) \(Measure.text(e)); (g) \(Measure.text(g))")
            },
            Claim("(d) with offset -1, longer horizons learn more: the final loss falls as γ grows") { n in
                let final = try n.family(families[1].loss).map { $0.values.last ?? .nan }
                return ClaimOutcome(Measure.decreasing(final), "final L over γ ascending: \(Measure.text(final))")
            },
            Claim("(h) with a high cost fewer levels are worth learning: with offset -1 the final loss grows with β") { n in
                let final = try n.family(families[3].loss).map { $0.values.last ?? .nan }
                return ClaimOutcome(Measure.increasing(final), "final L over β ascending: \(Measure.text(final))")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let fig = Style.figure(rows: 2, cols: 4, title: "\(heading): " + title)
        for (k, ((sweep, offset), family)) in zip(columns(c), families(c)).enumerated() {
            let records = try inputs.runs(sweep.requests(LearningRateRuns.base(c, offset: offset)))
            let rate = fig[0, k], loss = fig[1, k]
            rate.letter = family.rate.panel
            loss.letter = family.loss.panel
            try sweep.draw(rate, records) { try $0.column(BilevelNames.effectiveLearningRate, .control) }
            rate.yLabel = "Optimal α(t)"
            rate.title = "\(sweep.label), offset \(offset)"
            loss.line(try records[0].column(RunColumns.loss, .baseline), label: "baseline", color: Style.baseline, width: Style.lineWidth)
            try sweep.draw(loss, records) { try $0.column(RunColumns.loss, .control) }
            loss.yLabel = "Loss L(t)"
            loss.title = "\(sweep.label), offset \(offset)"
        }
        return fig
    }
}

import Bilevel
import FigureKit
import Maml
import Render
import WorkbenchKit

/// Figure 3: multi-step MAML (single-step loss and learning dynamics from the found
/// initialization) and the optimal learning rate when varying γ and β.
struct MetaLearningFigure: PaperFigure {
    let number = 3
    let title = "Multi-step MAML and the optimal learning rate"
    let caption = """
        (a) Single-step MAML loss V = P(δt) (mean loss of the five MNIST pairs after one update from the learned \
        initialization) against the number K of steps in the meta-objective: eq. 26's objective (V sums i = 1..K), \
        mean and ±2 std over seeds (blue), and the authors' code's objective (V sums i = 0..K, the loss at the \
        initialization included), one seed (gray, dashed); the random initialization's, far above, is given in the \
        panel's title. (b) Learning dynamics (mean loss over tasks, mean over seeds) from the initial weights found \
        with eq. 26 and K steps (color), and from the random initialization (black). (c), (d) Optimal learning rate \
        α(t) = (1 + ρ(t)) α on the semantic task when varying the discount γ and the cost coefficient β (cost offset \
        0). The paper reports that a few optimized steps lower the one-step loss below standard MAML's (K = 1) and \
        more raise it again; whether that dip appears depends on the objective and on how far the optimizer goes \
        (the claims below say which, per procedure). More control with larger γ and smaller β.
        """ + " " + DatasetNotes.semanticWithoutBias
    let requiredExperiments = [MamlRuns.experiment, LearningRateRuns.experiment]

    func lrRuns(_ c: PlanContext) -> [[RunRequest]] {
        [LearningRateRuns.gamma(c).requests(LearningRateRuns.base(c, offset: 0)),
         LearningRateRuns.beta(c).requests(LearningRateRuns.base(c, offset: 0))]
    }

    func runs(_ c: PlanContext) -> [RunRequest] { MamlRuns.requests(c) + lrRuns(c).flatMap { $0 } }

    func parameterNotes(_ c: PlanContext) -> [String] { [MamlRuns.note(c), LearningRateRuns.note(c)] }

    /// The series the claims read, as drawn: (a) the one-step loss, (b) the dynamics over K,
    /// (c, d) the rate families.
    static let oneStep = DrawnSeries(panel: "a", label: "learned init")
    static let authorsOneStep = DrawnSeries(panel: "a", label: "authors' code, seed 0")
    static let dynamics = DrawnSeries(panel: "b", label: MamlClaims.kFamily)
    func rates(_ c: PlanContext) -> [DrawnSeries] {
        zip(["c", "d"], [LearningRateRuns.gamma(c), LearningRateRuns.beta(c)]).map { DrawnSeries(panel: $0, label: $1.label) }
    }

    func claims(_ c: PlanContext) -> [Claim] {
        func meanRates(_ n: FigureNumbers, _ family: DrawnSeries) throws -> [Double] {
            try n.family(family).map { Measure.mean($0.values) }
        }
        let rates = rates(c)
        return [
            MamlClaims.oneStepDip(Self.oneStep, citation: "Sec. 4", authors: Self.authorsOneStep),
            Claim("(b) “one-step MAML can substantially underperform Multi-Step MAML”: the loss summed over the evaluation steps "
                  + "from K = 1's initialization is at least 10% above the lowest over K", citation: "Sec. 4") { n in
                let sums = try n.family(Self.dynamics).map { (k: $0.parameter, sum: Measure.sum($0.values)) }
                guard let one = sums.first(where: { $0.k == 1 }), let best = sums.min(by: { $0.sum < $1.sum }) else {
                    return ClaimOutcome(false, "no K = 1 curve in (b)")
                }
                return ClaimOutcome(one.sum >= 1.1 * best.sum, "ΣL over the evaluation steps, K = 1: \(Measure.text(one.sum)); "
                                    + "lowest, K = \(Int(best.k)): \(Measure.text(best.sum)) (K = 1 \(Measure.text(one.sum / best.sum))x)")
            },
            Claim("(c) “longer time horizons … recruit more control”: the mean optimal rate α(t) grows strictly with γ (cost offset 0)",
                  citation: "Sec. 4", oneSeed: true) { n in
                Rule.monotone(try meanRates(n, rates[0]), increasing: true, quantity: "mean α", parameter: "γ")
            },
            Claim("(d) “less cost of increasing the learning rate recruit[s] more control”: the mean optimal rate α(t) falls strictly with β (cost offset 0)",
                  citation: "Sec. 4", oneSeed: true) { n in
                Rule.monotone(try meanRates(n, rates[1]), increasing: false, quantity: "mean α", parameter: "β")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let fig = Style.figure(rows: 1, cols: 4, title: "\(heading): " + title)
        let maml = try MamlRuns.seeded(c).map { try inputs.runs($0) }     // [seed][K]
        let authors = try inputs.runs(MamlRuns.authors(c))
        let ks = MamlRuns.steps(c).map(Double.init)
        let oneStep = fig[0, 0]
        try MamlRuns.drawMean(oneStep, ks, maml, label: Self.oneStep.label) { try $0.scalar(MamlNames.oneStepLoss.control) }
        try MamlRuns.drawAuthors(oneStep, ks, authors, label: Self.authorsOneStep.label) { try $0.scalar(MamlNames.oneStepLoss.control) }
        // The random initialization's one-step loss (~0.5) would squeeze the learned curve's dip
        // (~0.01) flat; it goes in the title instead of as a line.
        let random = try MamlRuns.meanStd(maml) { try $0.scalar(MamlNames.oneStepLoss.baseline) }.mean
        oneStep.title = "from the random init: " + Measure.text(Measure.mean(random))
        oneStep.xLabel = "Optimized steps K"
        oneStep.yLabel = "Single-step MAML loss"

        let dynamics = fig[0, 1]
        let randomCurve = try MamlRuns.meanSeries(maml) { try $0.array(MamlNames.evalLossMean.baseline) }[0]
        dynamics.line(randomCurve, label: "random init", color: Style.baseline)
        let curves = try MamlRuns.meanSeries(maml) { try $0.array(MamlNames.evalLossMean.control) }
        dynamics.lines(Style.steps(curves[0].count), curves, parameters: ks, name: MamlClaims.kFamily)
        dynamics.xLabel = Style.taskTime
        dynamics.yLabel = "Mean loss over tasks"

        for (k, (sweep, requests)) in zip([LearningRateRuns.gamma(c), LearningRateRuns.beta(c)], lrRuns(c)).enumerated() {
            let ax = fig[0, 2 + k]
            try sweep.draw(ax, try inputs.runs(requests)) { try $0.column(BilevelNames.effectiveLearningRate, .control) }
            ax.yLabel = "Optimal learning rate α(t)"
        }
        return fig
    }
}

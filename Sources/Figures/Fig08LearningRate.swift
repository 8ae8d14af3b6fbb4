import Bilevel
import FigureKit
import Render
import WorkbenchKit

/// Figure 8 (App. F.2): optimal learning-rate schedules and the resulting dynamics when varying
/// γ and β, with the cost offset 0 (baseline learning is free) and -1 (any learning costs).
struct LearningRateFigure: PaperFigure {
    let number = 8
    let title = "Learning-rate optimization on the semantic task"
    let caption = """
        Top row: optimal learning rates α(t) = (1 + ρ(t)) α; bottom row: the resulting loss L(t) (the baseline, \
        constant α, in black). (a)-(d) varying γ: (a), (b) with cost offset 0 (the baseline dynamics cost nothing), \
        (c), (d) with offset -1 (any learning is costly); (e)-(h) the same when varying β. More control with larger γ \
        and smaller β; with a high cost only the first levels of the hierarchy are worth learning. ρ starts at 0 \
        (α(t) = α). With offset -1 the paper's procedure's runs use Adam with ε = 1e-300: with torch's 1e-8, late steps where γ^t dt has \
        shrunk the gradient below ε never moved, so at γ ≤ 0.7 the late α(t) was the untouched start α and rose \
        with smaller γ. Now the late α(t) is where the optimizer took it: falling towards 0 (no learning is worth \
        its cost that close to a strongly discounted horizon), still above 0 where the iterations ran out. \
        On the paper preset with offset -1 only γ ≳ 0.93 learn at all: at the base rate the initial plateau lasts \
        t ≈ 14 and every unit of it costs β, which a shorter horizon never earns back: for γ ≤ 0.91 the paper's \
        procedure learns nothing (α(t) ≈ 0, L(t) stays at 2). Runs that learn nothing ("idle") lie on top of each other, so a gray \
        dashed line over them gives their number and range of values. Plain L-BFGS reaches the same V to 1e-7, at γ ≤ 0.69 by \
        learning late, where the discount has made V flat: V does not decide there whether to learn; in the discount \
        metric it learns nothing there, as Adam does. The claims let \
        runs that learn nothing tie (within 1e-3 of the sweep's largest mean α) and ask the rest of the sweep \
        to be strictly ordered; a sweep where fewer than half the runs learn orders too few points to pass.
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
        /// Which runs of a loss panel learn nothing, in the order of the swept parameter: with offset
        /// -1 on the paper preset the optimum below γ ≈ 0.93 is to learn nothing (α(t) = 0, at the
        /// bound), and those runs' order is the optimizer's noise.
        func idle(_ n: FigureNumbers, _ family: DrawnSeries) throws -> [Bool] {
            try n.family(family).map { Rule.learnsNothing($0.values) }
        }
        let families = families(c)
        func rate(_ k: Int, increasing: Bool, parameter: String) -> (FigureNumbers) throws -> ClaimOutcome {
            { n in
                let rates = try meanRates(n, families[k].rate)
                return Rule.monotone(rates, increasing: increasing, idle: try idle(n, families[k].loss),
                                     tieTolerance: 1e-3 * (rates.max() ?? 0), quantity: "mean α", parameter: parameter)
            }
        }
        let gamma = "“More control is allocated when γ increases due to pay off in the future”: the mean optimal rate α(t) grows strictly with γ"
        let beta = "“more control is used when β is decreased”: the mean optimal rate α(t) falls strictly with β"
        let ties = "runs that learn nothing may tie; fewer than half the sweep learning is no pass"
        return [
            Claim("(a) " + gamma + ", cost offset 0", citation: "App. F.2", oneSeed: true, check: rate(0, increasing: true, parameter: "γ")),
            Claim("(c) " + gamma + ", cost offset -1 (\(ties))", citation: "App. F.2", oneSeed: true, check: rate(1, increasing: true, parameter: "γ")),
            Claim("(e) " + beta + ", cost offset 0", citation: "App. F.2", oneSeed: true, check: rate(2, increasing: false, parameter: "β")),
            Claim("(g) " + beta + ", cost offset -1 (\(ties))", citation: "App. F.2", oneSeed: true, check: rate(3, increasing: false, parameter: "β")),
            Claim("(h) “A higher cost of control leads to fewer levels learned in the hierarchy”: with offset -1, the levels learned (learning "
                  + "steps of L(t): bumps of its rate of fall, at least 5% of the largest) do not grow with β and differ between some β",
                  citation: "App. F.2", oneSeed: true) { n in
                let curves = try n.family(families[3].loss)
                let levels = curves.map { Measure.learningSteps($0.values).count }
                let fewer = zip(levels, levels.dropFirst()).allSatisfy { $1 <= $0 } && Set(levels).count >= 2
                return ClaimOutcome(fewer, "levels learned over β ascending: \(levels.map(String.init).joined(separator: ", ")); "
                                    + "final L: \(Measure.text(curves.map { $0.values.last ?? .nan }))")
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
            try Self.markIdle(sweep, records, rate: rate, loss: loss)
        }
        return fig
    }

    /// Runs that learn nothing (`Rule.learnsNothing`, as the claims read them) lie on top of each other,
    /// so under the sweep's colorbar they read as one curve of one value: a gray dashed line over
    /// them, labeled with how many runs and which values it stands for, says so.
    static func markIdle(_ sweep: Sweep, _ records: [RunRecord], rate: Axes, loss: Axes) throws {
        let losses = try records.map { try $0.column(RunColumns.loss, .control) }
        let idle = losses.indices.filter { Rule.learnsNothing(losses[$0]) }
        guard idle.count >= 2, let first = idle.first else { return }
        let values = idle.map { sweep.values[$0] }
        let label = "\(idle.count) idle runs, \(sweep.label) \(Measure.text(values.min() ?? .nan))-\(Measure.text(values.max() ?? .nan))"
        rate.line(try records[first].column(BilevelNames.effectiveLearningRate, .control), label: label, color: .gray,
                  width: Style.lineWidth, style: .dashed)
        loss.line(losses[first], label: label, color: .gray, width: Style.lineWidth, style: .dashed)
    }
}

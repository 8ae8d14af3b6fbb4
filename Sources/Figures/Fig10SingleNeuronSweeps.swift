import FigureKit
import GainModulation
import Render
import WorkbenchKit

/// Figure 10 (App. K.1): the single neuron's optimal gain and reward gain when varying the cost
/// coefficient β, the regularizer λ and the available time T.
struct SingleNeuronSweepFigure: PaperFigure {
    let number = 10
    let title = "Single neuron: hyperparameter variations"
    let caption = """
        Single neuron, hyperparameter variations (App. K.1, Table 1). Top: optimal control g(t); bottom: \
        v_C(t) - v_B(t), for (a, d) the cost coefficient β, (b, e) the regularization λ and (c, f) the available \
        time T (each curve ends at its T; the paper normalized this axis by T, which hides the claim that T hardly \
        changes the control within the learning span). Larger β means less control; larger λ sustains control longer.
        """
    let requiredExperiments = [GainModulationNames.singleNeuron]

    func base(_ c: PlanContext) -> RunRequest { RunRequest(GainModulationNames.singleNeuron, preset: c.preset, [.set(.sgdRuns, 0)]) }

    func sweeps(_ c: PlanContext) -> [Sweep] {
        let n = c.preset == .paper ? 30 : 10
        let horizons = c.preset == .paper ? (0..<21).map { 200 + 50 * $0 } : stride(from: 0, through: 20, by: 4).map { 200 + 50 * $0 }
        return [
            Sweep(parameter: .beta, label: "β", values: Sweep.linspace(1e-5, 2, n), logColors: false),
            Sweep(parameter: .lambda, label: "λ", values: Sweep.linspace(0, 5, n), logColors: false),
            Sweep(parameter: .steps, label: "T", values: horizons.map(Double.init), logColors: false),
        ]
    }

    func runs(_ c: PlanContext) -> [RunRequest] { sweeps(c).flatMap { $0.requests(base(c)) } }

    func parameterNotes(_ c: PlanContext) -> [String] {
        ["Table 1 parameters from the \(GainModulationNames.singleNeuron) `\(c.preset.rawValue)` preset, one parameter varied at a time",
         "β = linspace(1e-5, 2), λ = linspace(0, 5), T = 200 + 50 i: "
            + sweeps(c).map { "\($0.values.count) values of \($0.parameter)" }.joined(separator: ", ")]
    }

    /// The families the claims read, as drawn: the gains (a)-(c) and the reward differences
    /// (d)-(f), one per sweep, named by its label.
    func gains(_ c: PlanContext) -> [DrawnSeries] { zip(["a", "b", "c"], sweeps(c)).map { DrawnSeries(panel: $0, label: $1.label) } }
    func rewardGains(_ c: PlanContext) -> [DrawnSeries] { zip(["d", "e", "f"], sweeps(c)).map { DrawnSeries(panel: $0, label: $1.label) } }

    /// How far the curves of the T sweep stray from the longest T's over the first half of each
    /// horizon, as a share of the longest's peak |value|: aligned in task time (step by step) and on
    /// the paper's normalized axis t/T (each curve read at the same fractions of its horizon).
    static func horizonGap(_ curves: [(parameter: Double, values: [Double])]) -> (absolute: Double, normalized: Double) {
        guard let longest = curves.last?.values, let peak = longest.map(abs).max(), peak > 0 else { return (.nan, .nan) }
        func at(_ v: [Double], _ u: Double) -> Double {
            let x = u * Double(v.count - 1), i = min(Int(x), v.count - 2)
            return v[i] + (x - Double(i)) * (v[i + 1] - v[i])
        }
        var absolute = 0.0, normalized = 0.0
        for curve in curves {
            let v = curve.values
            for (a, b) in zip(v.prefix(v.count / 2), longest) { absolute = max(absolute, abs(a - b)) }
            for k in 0...200 {
                let u = 0.5 * Double(k) / 200
                normalized = max(normalized, abs(at(v, u) - at(longest, u)))
            }
        }
        return (absolute / peak, normalized / peak)
    }

    func claims(_ c: PlanContext) -> [Claim] {
        let gains = gains(c), rewards = rewardGains(c)
        func totals(_ n: FigureNumbers, _ family: DrawnSeries) throws -> [Double] { try n.family(family).map { Measure.sum($0.values) } }
        return [
            Claim("(a) “Increasing β leads to less control”: the total control Σ_t g(t) falls strictly with β", citation: "App. K.1", oneSeed: true) { n in
                Rule.monotone(try totals(n, gains[0]), increasing: false, quantity: "Σg", parameter: "β")
            },
            Claim("(b) “Increasing λ leads to an overall similar amount of control”: the total control Σ_t g(t) of every λ within 25% "
                  + "of every other's (largest / smallest ≤ 1.25)", citation: "App. K.1", oneSeed: true) { n in
                let total = try totals(n, gains[1])
                let spread = (total.max() ?? .nan) / (total.min() ?? .nan)
                return ClaimOutcome(spread <= 1.25, "Σg over λ ascending: \(Measure.text(total)); largest / smallest \(Measure.text(spread))")
            },
            Claim("(b) “but the control is sustained longer for higher λ”: the mean g(t) over the last quarter of the run grows strictly with λ",
                  citation: "App. K.1", oneSeed: true) { n in
                let late = try n.family(gains[1]).map { Measure.mean(Array($0.values.suffix($0.values.count / 4))) }
                return ClaimOutcome(Measure.increasing(late), "mean g(t) over the last quarter, λ ascending: \(Measure.text(late))")
            },
            Claim("(c, f) “this parameter [T] does not seem to change the control signal or instant reward rate within the time span to "
                  + "learn the task”: over the first half of each horizon, g(t) and v_C(t) - v_B(t) of every T stay within 10% of the longest "
                  + "T's peak of its curve (aligned in task time, where the learning span is the same for every T)",
                  citation: "App. K.1", oneSeed: true) { n in
                let g = Self.horizonGap(try n.family(gains[2])), v = Self.horizonGap(try n.family(rewards[2]))
                return ClaimOutcome(g.absolute < 0.1 && v.absolute < 0.1,
                                    "largest gap in task time: g \(Measure.text(100 * g.absolute))%, v_C - v_B \(Measure.text(100 * v.absolute))%; "
                                    + "on the paper's normalized axis t/T: g \(Measure.text(100 * g.normalized))%, v_C - v_B \(Measure.text(100 * v.normalized))%")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let fig = Style.figure(rows: 2, cols: 3, title: "\(heading): " + title)
        for (k, sweep) in sweeps(inputs.context).enumerated() {
            let records = try inputs.runs(sweep.requests(base(inputs.context)))
            try sweep.draw(fig[0, k], records) { try $0.column(GainModulationNames.gain, .control) }
            fig[0, k].yLabel = "Optimal g(t)"
            try sweep.draw(fig[1, k], records) {
                try Style.difference($0.column(RunColumns.reward, .control), $0.column(RunColumns.reward, .baseline))
            }
            fig[1, k].yLabel = "v_{C}(t) - v_{B}(t)"
            fig[1, k].hline(0, color: .gray, width: 0.8)
        }
        return fig
    }
}

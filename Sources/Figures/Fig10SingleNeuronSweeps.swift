import FigureKit
import GainModulation
import Render
import WorkbenchKit

/// Figure 10 (App. K.1): the single neuron's optimal gain and reward gain when varying the cost
/// coefficient β, the regulariser λ and the available time T.
struct SingleNeuronSweepFigure: PaperFigure {
    let number = 10
    let title = "Single neuron: hyperparameter variations"
    let caption = """
        Single neuron, hyperparameter variations (App. K.1, Table 1). Top: optimal control g(t); bottom: \
        v_C(t) - v_B(t), for (a, d) the cost coefficient β, (b, e) the regularisation λ and (c, f) the available \
        time T (each curve ends at its T; the paper normalised this axis by T, which hides the claim that T hardly \
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

    /// The gain families (a)-(c) the claims read, as drawn: one per sweep, named by its label.
    func gains(_ c: PlanContext) -> [DrawnSeries] { zip(["a", "b", "c"], sweeps(c)).map { DrawnSeries(panel: $0, label: $1.label) } }

    func claims(_ c: PlanContext) -> [Claim] {
        let gains = gains(c)
        return [
            Claim("(a) larger β means less control") { n in
                let total = try n.family(gains[0]).map { Measure.sum($0.values) }
                return ClaimOutcome(Measure.decreasing(total), "sum of g(t) over β ascending: \(Measure.text(total))")
            },
            Claim("(b) larger λ sustains control longer") { n in
                let late = try n.family(gains[1]).map { Measure.mean(Array($0.values.suffix($0.values.count / 4))) }
                return ClaimOutcome(Measure.increasing(late), "mean g(t) over the last quarter, λ ascending: \(Measure.text(late))")
            },
            Claim("(c, f) the available time T hardly changes the control within the learning span") { n in
                let curves = try n.family(gains[2]), longest = curves.last!.values
                let peak = longest.max()!
                let gaps = curves.map { curve in
                    zip(curve.values.prefix(curve.values.count / 2), longest).map { abs($0 - $1) }.max() ?? 0
                }
                let worst = gaps.max()! / peak
                return ClaimOutcome(worst < 0.1, "largest gap to the longest T's g(t) over the first half of each horizon: "
                                    + "\(Measure.text(100 * worst))% of its peak (< 10%)")
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

import FigureKit
import Foundation
import GainModulation
import Render
import WorkbenchKit

/// Figure 2: the single neuron of Sec. 2.1 (Table 1), control vs baseline, and how the optimal
/// gain depends on the discount factor and the input noise.
struct SingleNeuronFigure: PaperFigure {
    let number = 2
    let title = "Single neuron: optimal gain g(t) on two Gaussians"
    let caption = """
        Single neuron (Sec. 2.1, Table 1). (a) instant net reward v(t); (b) loss L(t), theory (lines) and SGD \
        simulations (bands, mean ±2 std over SGD runs); (c) optimal control g(t) (baseline g = 0); (d) weight w(t) \
        and effective weight w~(t) = w(t)(1 + g(t)). (e), (g): optimal g(t) when varying the discount factor γ and \
        the noise σx; (f), (h): v_control(t) - v_baseline(t) for the same sweeps. Longer horizons (γ near 1) and \
        less noisy tasks recruit more control.
        """
    let requiredExperiments = [GainModulationNames.singleNeuron]

    func base(_ c: PlanContext) -> RunRequest { RunRequest(GainModulationNames.singleNeuron, preset: c.preset) }

    func sweeps(_ c: PlanContext) -> [Sweep] {
        let n = c.preset == .paper ? 30 : 10
        return [
            Sweep(parameter: .gamma, label: "γ", values: Sweep.linspace(-8, 0, n).map { pow(10, $0) }, logColors: true),
            Sweep(parameter: GainKeys.sigma, label: "σ_{x}", values: Sweep.linspace(1e-5, 5, n), logColors: false),
        ]
    }

    func runs(_ c: PlanContext) -> [RunRequest] {
        [base(c)] + sweeps(c).flatMap { $0.requests(base(c).with([.set(.sgdRuns, 0)])) }
    }

    func parameterNotes(_ c: PlanContext) -> [String] {
        ["Table 1 parameters from the \(GainModulationNames.singleNeuron) `\(c.preset.rawValue)` preset; SGD bands from the run's own SGD simulations",
         "sweeps: " + sweeps(c).map { "\($0.parameter) (\($0.values.count) values)" }.joined(separator: ", ")
            + "; γ = 10^linspace(-8, 0), σx = linspace(1e-5, 5)"]
    }

    /// The series the claims read, as drawn: (a) the net reward, (b) each role's theory line and SGD
    /// band, (e) and (g) the gain families of the two sweeps.
    static let reward = Style.baselineVsControlLines(panel: "a")
    static func theory(_ role: Role) -> DrawnSeries { DrawnSeries(panel: "b", label: Style.label(role) + " theory") }
    static func sgd(_ role: Role) -> DrawnSeries { DrawnSeries(panel: "b", label: Style.label(role) + " SGD") }
    func gains(_ c: PlanContext) -> [DrawnSeries] {
        zip(["e", "g"], sweeps(c)).map { DrawnSeries(panel: $0, label: $1.label) }
    }

    func claims(_ c: PlanContext) -> [Claim] {
        func peaks(_ n: FigureNumbers, _ family: DrawnSeries) throws -> [Double] { try n.family(family).map { $0.values.max() ?? .nan } }
        let gains = gains(c)
        return [
            Claim("(a) control earns more net reward over the run than the baseline") { n in
                let control = Measure.sum(try n.y(Self.reward.control)), baseline = Measure.sum(try n.y(Self.reward.baseline))
                return ClaimOutcome(control > baseline, "sum of v(t): control \(Measure.text(control)) vs baseline \(Measure.text(baseline))")
            },
            Claim("(b) the theory's loss lies inside the SGD simulations' ±2 std band (at least 80% of steps, baseline and control)") { n in
                var shares: [Double] = []
                for role in Role.allCases {
                    let theory = try n.y(Self.theory(role))
                    let lower = try n.column(Self.sgd(role).lower), upper = try n.column(Self.sgd(role).upper)
                    let inside = zip(theory, zip(lower, upper)).filter { $0.0 >= $0.1.0 && $0.0 <= $0.1.1 }.count
                    shares.append(Double(inside) / Double(max(1, theory.count)))
                }
                return ClaimOutcome(shares.allSatisfy { $0 >= 0.8 }, "share inside: baseline \(Measure.text(shares[0])), control \(Measure.text(shares[1]))")
            },
            Claim("(e) the peak of the optimal g(t) grows with the discount factor γ") { n in
                let p = try peaks(n, gains[0])
                return ClaimOutcome(Measure.increasing(p), "peak g over γ ascending: \(Measure.text(p))")
            },
            Claim("(g) the peak of the optimal g(t) falls with the input noise σx (less noisy tasks recruit more control)") { n in
                let p = try peaks(n, gains[1])
                let falls = zip(p, p.dropFirst()).allSatisfy { $1 <= $0 } && p.last! < p.first!
                return ClaimOutcome(falls, "peak g over σx ascending: \(Measure.text(p))")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let fig = Style.figure(rows: 2, cols: 4, title: "\(heading): " + title)
        let main = try inputs.run(base(c))
        try Style.baselineVsControl(fig[0, 0], [main], column: RunColumns.reward, yLabel: "Instant net reward v(t)")

        let loss = fig[0, 1]
        for (role, color, _) in Style.roles {
            let mean = try main.column(RunColumns.sgdLoss.mean, role), std = try main.column(RunColumns.sgdLoss.std, role)
            loss.band(Style.steps(mean.count), lower: zip(mean, std).map { $0 - 2 * $1 },
                      upper: zip(mean, std).map { $0 + 2 * $1 }, color: color, alpha: 0.2, label: Self.sgd(role).label)
            loss.line(try main.column(RunColumns.loss, role), label: Self.theory(role).label, color: color, width: Style.lineWidth)
        }
        loss.xLabel = Style.taskTime
        loss.yLabel = "Loss L(t)"

        try Style.baselineVsControl(fig[0, 2], [main], column: GainModulationNames.gain, yLabel: "Control g(t)")

        let w = fig[0, 3]
        w.line(try main.column(GainModulationNames.weight, .baseline), label: "Baseline w = w~", color: Style.baseline, width: Style.lineWidth)
        w.line(try main.column(GainModulationNames.weight, .control), label: "Control w", color: Style.control, width: Style.lineWidth)
        w.line(try main.column(GainModulationNames.effectiveWeight, .control), label: "Control w~", color: Style.control, width: Style.lineWidth,
               style: .dashed)
        w.xLabel = Style.taskTime
        w.yLabel = "Weight"

        for (k, sweep) in sweeps(c).enumerated() {
            let records = try inputs.runs(sweep.requests(base(c).with([.set(.sgdRuns, 0)])))
            let gPanel = fig[1, 2 * k], vPanel = fig[1, 2 * k + 1]
            try sweep.draw(gPanel, records) { try $0.column(GainModulationNames.gain, .control) }
            gPanel.yLabel = "Optimal g(t)"
            try sweep.draw(vPanel, records) { try Style.difference($0.column(RunColumns.reward, .control), $0.column(RunColumns.reward, .baseline)) }
            vPanel.yLabel = "v_{C}(t) - v_{B}(t)"
            vPanel.hline(0, color: .gray, width: 0.8)
        }
        return fig
    }
}

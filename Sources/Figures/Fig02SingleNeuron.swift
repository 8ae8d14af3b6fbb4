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
    /// band, (c) the gains, (e) and (g) the gain families of the two sweeps.
    static let reward = Style.baselineVsControlLines(panel: "a")
    static func theory(_ role: Role) -> DrawnSeries { DrawnSeries(panel: "b", label: Style.label(role) + " theory") }
    static func sgd(_ role: Role) -> DrawnSeries { DrawnSeries(panel: "b", label: Style.label(role) + " SGD") }
    static let gain = Style.baselineVsControlLines(panel: "c").control
    func gains(_ c: PlanContext) -> [DrawnSeries] {
        zip(["e", "g"], sweeps(c)).map { DrawnSeries(panel: $0, label: $1.label) }
    }

    func claims(_ c: PlanContext) -> [Claim] {
        func totals(_ n: FigureNumbers, _ family: DrawnSeries) throws -> [Double] { try n.family(family).map { Measure.sum($0.values) } }
        func peaks(_ n: FigureNumbers, _ family: DrawnSeries) throws -> [Double] { try n.family(family).map { $0.values.max() ?? .nan } }
        let gains = gains(c)
        return [
            Claim("(a) “invests more control at the start … at the cost of some instant reward”: v_C(t) < v_B(t) up to one crossing, "
                  + "v_C(t) > v_B(t) after it, and the gain after the crossing, Σ(v_C - v_B), is positive",
                  citation: "Sec. 2.1", oneSeed: true) { n in
                try Rule.costThenGain(control: n.y(Self.reward.control), baseline: n.y(Self.reward.baseline))
            },
            Claim("(b) “with the result of faster learning (demonstrated in the lower loss for the control case)”: the theory's loss "
                  + "reaches 90% of its fall sooner with control, and its sum over the run is lower",
                  citation: "Sec. 2.1", oneSeed: true) { n in
                Rule.learnsFaster(baseline: try n.y(Self.theory(.baseline)), control: try n.y(Self.theory(.control)))
            },
            Claim("(c) “Optimal control signal decreases through learning”: g(t) peaks within the first 1% of the run and does not "
                  + "rise after it by more than 0.1% of the peak from one step to the next (the last step left out)",
                  citation: "Fig. 2 caption", oneSeed: true) { n in
                let g = try n.y(Self.gain), peak = g.max() ?? .nan, top = Measure.argmax(g)
                let rises = zip(g[top...].dropLast(), g[top...].dropLast().dropFirst()).filter { $1 > $0 + 1e-3 * peak }.count
                return ClaimOutcome(top <= g.count / 100 && rises == 0,
                                    "peak \(Measure.text(peak)) at step \(top) of \(g.count); rises after it: \(rises); g(T) / peak \(Measure.text(g.last! / peak))")
            },
            Claim("(e) “increasing the discount factor γ leads to higher levels of control”: the total control Σ_t g(t) grows strictly with γ",
                  citation: "Sec. 2.1; Fig. 2 caption", oneSeed: true) { n in
                let o = Rule.monotone(try totals(n, gains[0]), increasing: true, quantity: "Σg", parameter: "γ")
                return ClaimOutcome(o.passed, o.measured + "; peak g: \(Measure.text(try peaks(n, gains[0])))")
            },
            Claim("(g) “Increasing the intrinsic noise of the task σx reduces the overall optimal control”: the total control Σ_t g(t) "
                  + "falls strictly with σx", citation: "Sec. 2.1; Fig. 2 caption", oneSeed: true) { n in
                let o = Rule.monotone(try totals(n, gains[1]), increasing: false, quantity: "Σg", parameter: "σx")
                return ClaimOutcome(o.passed, o.measured + "; peak g: \(Measure.text(try peaks(n, gains[1])))")
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

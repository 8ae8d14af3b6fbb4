import FigureKit
import GainModulation
import Render
import WorkbenchKit

/// Figure 20 (App. I, K.6): gain modulation of a tanh network through its Taylor-approximated
/// dynamics, checked against SGD on the real network.
struct NonLinearFigure: PaperFigure {
    let number = 20
    let title = "Learning effort in a non-linear (tanh) network"
    let caption = """
        (a) L(t) and (b) v(t): solid lines are the approximated dynamics (eqs. 91-92), baseline black and control \
        blue; dashed lines with circles and bands are SGD on the real tanh network with the inferred gains in the \
        control case (mean ±2 std over SGD runs; the loss is measured at every step on one fixed sample of 1024 \
        examples, since the batch loss of 32 examples is mostly sampling noise; v = -η L - C with the same cost of \
        control). (c), (d) W1(t), W2(t) in the baseline case; (e), (f) L1 and L2 norms of all weights, approximated \
        dynamics solid and SGD dashed with circles (mean ±2 std over SGD runs), baseline black and control blue; \
        (g), (h) W1(t), W2(t) in the control case; (i), (j) the gains G1(t), G2(t). In (c, d, g, h) \
        solid lines are the approximated dynamics and dashed lines the same weights trained by SGD on the real tanh \
        network (mean over SGD runs from the same initial weights), one colour per weight: the 8 weights of each \
        layer that change most in the baseline, with their gains in (i, j).
        """
    let requiredExperiments = [GainModulationNames.nonLinear]

    func runs(_ c: PlanContext) -> [RunRequest] { [RunRequest(GainModulationNames.nonLinear, preset: c.preset, [.set(.traced, 8)])] }

    func parameterNotes(_ c: PlanContext) -> [String] {
        ["\(GainModulationNames.nonLinear) `\(c.preset.rawValue)` preset (Table 5, non-linear column), the 8 weights per layer that change most are traced (approximation and SGD); the SGD runs' loss is measured on a fixed evaluation sample (eval_examples = 1024)"]
    }

    /// The lines of (a) and (e) the claims read, as drawn: the approximation's per role and SGD's.
    static func approximation(_ panel: String, _ role: Role) -> DrawnSeries { DrawnSeries(panel: panel, label: Style.label(role)) }
    static func sgd(_ panel: String, _ role: Role) -> DrawnSeries { DrawnSeries(panel: panel, label: Style.label(role) + " SGD") }
    /// What a traced weight's lines in (c, d, g, h) add to its column name: the approximation's
    /// and SGD's, and the ends of their y columns.
    static let approxTag = " approx", sgdTag = " SGD"
    static let approxEnd = DrawnSeries(panel: "", label: approxTag).y, sgdEnd = DrawnSeries(panel: "", label: sgdTag).y

    func claims(_ c: PlanContext) -> [Claim] {
        [
            Claim("(a) the control found on the approximation also improves SGD training of the real tanh network: the loss summed over the run is lower with control, in SGD as in the approximation") { n in
                let approx = (Measure.sum(try n.y(Self.approximation("a", .baseline))), Measure.sum(try n.y(Self.approximation("a", .control))))
                let sgd = (Measure.sum(try n.y(Self.sgd("a", .baseline))), Measure.sum(try n.y(Self.sgd("a", .control))))
                return ClaimOutcome(sgd.1 < sgd.0 && approx.1 < approx.0,
                                    "sum of L, control vs baseline: SGD \(Measure.text(sgd.1)) vs \(Measure.text(sgd.0)); approximation \(Measure.text(approx.1)) vs \(Measure.text(approx.0))")
            },
            Claim("(c, d, g, h) early in training (small weights: tanh near linear) the approximated weights track SGD's: at 10% of the run their mean gap is under 10% of the largest |W| and smaller than at the end") { n in
                var early: [Double] = [], late: [Double] = [], scale = 0.0
                for panel in ["c", "d", "g", "h"] {
                    for name in n.names(inPanel: panel) where name.hasSuffix(Self.approxEnd) {
                        let a = try n.column(name), s = try n.column(String(name.dropLast(Self.approxEnd.count)) + Self.sgdEnd)
                        let i = a.count / 10
                        early.append(abs(a[i] - s[i])); late.append(abs(a.last! - s.last!))
                        scale = max(scale, a.map(abs).max()!, s.map(abs).max()!)
                    }
                }
                guard !early.isEmpty else { return ClaimOutcome(false, "no traced weights in (c, d, g, h)") }
                let e = Measure.mean(early), l = Measure.mean(late)
                return ClaimOutcome(e < 0.1 * scale && e < l,
                                    "mean |W_approx - W_SGD| over \(early.count) weights: \(Measure.text(e)) at 10% of the run, \(Measure.text(l)) at the end; largest |W| \(Measure.text(scale))")
            },
            Claim("(e) with control the weights are sparser: lower final L1 than the baseline's, in the approximation and in SGD") { n in
                let approx = (try n.y(Self.approximation("e", .baseline)).last!, try n.y(Self.approximation("e", .control)).last!)
                let sgd = (try n.y(Self.sgd("e", .baseline)).last!, try n.y(Self.sgd("e", .control)).last!)
                return ClaimOutcome(approx.1 < approx.0 && sgd.1 < sgd.0,
                                    "final L1, control vs baseline: approximation \(Measure.text(approx.1)) vs \(Measure.text(approx.0)); SGD \(Measure.text(sgd.1)) vs \(Measure.text(sgd.0))")
            },
            Claim("(i, j) most control is exerted early: the mean |G| of the traced gains over the first quarter of the run is at least 3x that over the last half") { n in
                let gains = try (n.yColumns(inPanel: "i") + n.yColumns(inPanel: "j")).map { try n.column($0) }
                guard let steps = gains.map(\.count).min(), steps > 0 else { return ClaimOutcome(false, "no gains in (i, j)") }
                let g = (0..<steps).map { i in gains.reduce(0) { $0 + abs($1[i]) } / Double(gains.count) }
                let ratio = Measure.meanAbs(g, 0..<steps / 4) / Measure.meanAbs(g, steps / 2..<steps)
                return ClaimOutcome(ratio >= 3, "mean |G| over \(gains.count) gains, first quarter / last half: \(Measure.text(ratio))x")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let run = try inputs.run(runs(inputs.context)[0])
        let fig = Style.figure(rows: 2, cols: 5, title: "\(heading): " + title)
        let eta = try run.parameter(.eta)
        for (k, quantity) in [RunColumns.loss, RunColumns.reward].enumerated() {
            let ax = fig[0, k]
            for (role, color, _) in Style.roles {
                ax.line(try run.column(quantity, role), label: Self.approximation("", role).label, color: color, width: Style.lineWidth)
            }
            for (role, color, _) in Style.roles {
                let (mean, std) = try Style.sgdMeanStd([run], GainModulationNames.sgdEvalLoss, role)
                let cost = try run.column(RunColumns.cost, role)
                // v = -eta L - C for SGD too, with the same control cost: its spread is eta times L's.
                if quantity == RunColumns.loss {
                    Style.sgdOverlay(ax, mean: mean, std: std, label: Self.sgd("", role).label, color: color)
                } else {
                    Style.sgdOverlay(ax, mean: zip(mean, cost).map { -eta * $0 - $1 }, std: std.map { eta * $0 },
                                     label: Self.sgd("", role).label, color: color)
                }
            }
            ax.xLabel = Style.taskTime
            ax.yLabel = quantity == RunColumns.loss ? "Loss L(t)" : "Instant net reward v(t)"
        }
        // Each weight's lines are named in the CSV (c_w1_3_approx_y, c_w1_3_sgd_y); the panel shows no
        // legend (one entry per weight would hide it), its title says which style is which.
        func weights(_ ax: Axes, layer: Int, _ role: Role) throws {
            let family = TwoLayerColumnNames.weights(layer: layer)
            for (j, member) in run.members(of: family, role).enumerated() {
                let weight = family.member(member)
                ax.line(try run.column(weight, role), label: weight.stem + Self.approxTag, color: Color.C(j), width: 1.5)
                ax.line(try run.column(SGDColumns(of: weight).mean, role), label: weight.stem + Self.sgdTag, color: Color.C(j),
                        width: 1.5, style: .dashed)
            }
            ax.showLegend = false
            ax.title = "solid: approx., dashed: SGD"
            ax.xLabel = Style.taskTime
            ax.yLabel = "W_{\(layer)}(t), \(role.rawValue)"
        }
        try weights(fig[0, 2], layer: 1, .baseline)
        try weights(fig[0, 3], layer: 2, .baseline)
        let l1 = fig[0, 4], l2 = fig[1, 0]
        for (ax, column, replay, name) in [(l1, TwoLayerColumnNames.weightL1, GainModulationNames.sgdWeightL1, "L1"),
                                           (l2, TwoLayerColumnNames.weightL2, GainModulationNames.sgdWeightL2, "L2")] {
            for (role, color, _) in Style.roles {
                ax.line(try run.column(column, role), label: Self.approximation("", role).label, color: color, width: Style.lineWidth)
            }
            for (role, color, _) in Style.roles {
                let (mean, std) = try Style.sgdMeanStd([run], replay, role)
                Style.sgdOverlay(ax, mean: mean, std: std, label: Self.sgd("", role).label, color: color)
            }
            ax.xLabel = Style.taskTime
            ax.yLabel = "\(name) norm of the weights"
        }
        try weights(fig[1, 1], layer: 1, .control)
        try weights(fig[1, 2], layer: 2, .control)
        for (k, layer) in [1, 2].enumerated() {
            let ax = fig[1, 3 + k]
            let family = TwoLayerColumnNames.gains(layer: layer)
            // The gains sit on the traced weights in the same order, so gain j takes weight j's colour
            // in (g, h); the layer's RMS column, in the same family, is not a gain of its own.
            let gains = run.members(of: family, .control).map(family.member).filter { $0 != TwoLayerColumnNames.gainRMS(layer: layer) }
            for (j, gain) in gains.enumerated() {
                ax.line(try run.column(gain, .control), label: gain.control.text, color: Color.C(j), width: 1.5)
            }
            ax.showLegend = false
            ax.xLabel = Style.taskTime
            ax.yLabel = "G_{\(layer)}(t)"
        }
        return fig
    }
}

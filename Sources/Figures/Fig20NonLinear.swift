import Render
import WorkbenchKit

/// Figure 20 (App. I, K.6): gain modulation of a tanh network through its Taylor-approximated
/// dynamics, checked against SGD on the real network.
struct NonLinearFigure: PaperFigure {
    let id = "fig20"
    let number = 20
    let title = "Learning effort in a non-linear (tanh) network"
    let caption = """
        (a) L(t) and (b) v(t): lines are the approximated dynamics (eqs. 91-92), baseline black and control blue; \
        light lines are SGD on the real tanh network (mean over SGD runs), with the inferred gains in the control \
        case. (c), (d) W1(t), W2(t) in the baseline case; (e), (f) L1 and L2 norms of the weights (baseline black, \
        control blue); (g), (h) W1(t), W2(t) in the control case; (i), (j) the gains G1(t), G2(t). In (c, d, g, h) \
        solid lines are the approximated dynamics and dashed lines the same weights trained by SGD on the real tanh \
        network (mean over SGD runs from the same initial weights), one colour per weight: the 8 weights of each \
        layer that change most in the baseline, with their gains in (i, j).
        """
    let requiredExperiments = ["non-linear"]

    func runs(_ c: PlanContext) -> [RunRequest] { [RunRequest("non-linear", preset: c.preset.rawValue, ["traced": "8"])] }

    func parameterNotes(_ c: PlanContext) -> [String] {
        ["non-linear `\(c.preset.rawValue)` preset (Table 5, non-linear column), the 8 weights per layer that change most are traced (approximation and SGD)"]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let run = try inputs.run(runs(inputs.context)[0])
        let fig = Style.figure(rows: 2, cols: 5, title: "Figure 20: " + title)
        let eta = try run.parameter("eta")
        for (k, quantity) in ["loss", "reward"].enumerated() {
            let ax = fig[0, k]
            for (suffix, color, name) in [("baseline", Style.baseline, "Baseline"), ("control", Style.control, "Control")] {
                let mean = try run.column("sgd_loss_mean_" + suffix), cost = try run.column("cost_" + suffix)
                // v = -eta L - C for SGD too, with the same control cost. The SGD curve is drawn
                // light ("shaded"): its spread over runs is mostly batch noise.
                let sgd = quantity == "loss" ? mean : zip(mean, cost).map { -eta * $0 - $1 }
                ax.line(sgd, label: name + " SGD", color: color.withAlpha(0.3), width: 1)
                ax.line(try run.column("\(quantity)_\(suffix)"), label: name, color: color, width: Style.lineWidth)
            }
            ax.xLabel = Style.taskTime
            ax.yLabel = quantity == "loss" ? "Loss L(t)" : "Instant net reward v(t)"
        }
        func weights(_ ax: Axes, layer: String, suffix: String) throws {
            for (j, c) in run.columns(prefix: "w\(layer)_", suffix: "_" + suffix).enumerated() {
                ax.line(c.values, label: j == 0 ? "approx." : nil, color: Color.C(j), width: 1.5)
                let weight = String(c.name.dropLast(suffix.count + 1))
                ax.line(try run.column("sgd_\(weight)_mean_" + suffix), label: j == 0 ? "SGD" : nil, color: Color.C(j),
                        width: 1.5, style: .dashed)
            }
            ax.xLabel = Style.taskTime
            ax.yLabel = "W_{\(layer)}(t), \(suffix)"
        }
        try weights(fig[0, 2], layer: "1", suffix: "baseline")
        try weights(fig[0, 3], layer: "2", suffix: "baseline")
        let l1 = fig[0, 4], l2 = fig[1, 0]
        for (ax, column, name) in [(l1, "weight_l1", "L1"), (l2, "weight_l2", "L2")] {
            ax.line(try run.column(column + "_baseline"), label: "Baseline", color: Style.baseline, width: Style.lineWidth)
            ax.line(try run.column(column + "_control"), label: "Control", color: Style.control, width: Style.lineWidth)
            ax.xLabel = Style.taskTime
            ax.yLabel = "\(name) norm of the weights"
        }
        try weights(fig[1, 1], layer: "1", suffix: "control")
        try weights(fig[1, 2], layer: "2", suffix: "control")
        for (k, layer) in ["1", "2"].enumerated() {
            let ax = fig[1, 3 + k]
            for (j, c) in run.columns(prefix: "g\(layer)_", suffix: "_control").enumerated() where !c.name.contains("rms") {
                ax.line(c.values, color: Color.C(j), width: 1.5)
            }
            ax.xLabel = Style.taskTime
            ax.yLabel = "G_{\(layer)}(t)"
        }
        return fig
    }
}

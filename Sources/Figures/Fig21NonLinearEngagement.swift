import Render
import WorkbenchKit

/// Figure 21 (App. I, K.6.2): category engagement φ_c(t) of the tanh network on the semantic
/// hierarchy, its step-like learning curve with and without control, checked by SGD.
struct NonLinearEngagementFigure: PaperFigure {
    let id = "fig21"
    let number = 21
    let title = "Category engagement in a non-linear (tanh) network"
    let caption = """
        Category engagement φ_c(t) of a tanh two-layer network on the semantic hierarchy (the parameters of \
        Fig. 4(j, k)). (a) The step-like loss L(t) of the approximated dynamics, baseline (black) vs optimised \
        engagement (blue), mean ±2 std over seeds; light lines with bands: SGD on the real tanh network under each \
        control (mean ±2 std over SGD runs and seeds). (b) The optimal engagement φ_c(t) per node of the hierarchy, \
        coloured by level (C0 = root ... C3 = leaves), as Fig. 4(k): the hierarchy is engaged from the root down.
        """
    let requiredExperiments = ["category-engagement-nonlinear"]
    let source = SeededRuns.make("category-engagement-nonlinear", [:])

    func runs(_ c: PlanContext) -> [RunRequest] { source.requests(c) }

    func parameterNotes(_ c: PlanContext) -> [String] { [source.note(c)] }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let records = try inputs.runs(source.requests(inputs.context))
        let fig = Style.figure(rows: 1, cols: 2, title: "Figure 21: " + title)
        let loss = fig[0, 0]
        for (suffix, color, name) in [("baseline", Style.baseline, "Baseline"), ("control", Style.control, "Control")] {
            try Style.sgdBand(loss, records, "sgd_loss", suffix: "_" + suffix, label: name + " SGD", color: color,
                              lineAlpha: 0.4, bandAlpha: 0.12, width: 1.2)
        }
        try Style.baselineVsControl(loss, records, column: "loss", yLabel: "Loss L(t)")
        loss.title = "Step-like learning, tanh network"
        try EngagementPanels.coefficients(fig[0, 1], records, prefix: "phi_", yLabel: "φ_{c}(t)")
        fig[0, 1].title = "Engagement per hierarchy level"
        return fig
    }
}

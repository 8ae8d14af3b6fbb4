import Render
import WorkbenchKit

/// Figure 19 (App. H.1.1, K.5): category assimilation with the restricted gain model (neuron
/// basis: one gain per output neuron, G1 = 0).
struct NeuronBasisFigure: PaperFigure {
    let id = "fig19"
    let number = 19
    let title = "Category assimilation with the neuron basis"
    let caption = """
        Category assimilation with the neuron-basis gain model (G1 = 0, one gain ν_c per output neuron). (a), (b) \
        Improvement in the loss with control, L_B(t) - L_C(t), on MNIST and the semantic hierarchy (mean ±2 std over \
        seeds); (c), (d) the optimal coefficients ν_c(t) per digit and per hierarchy node (coloured by level). The \
        order of engagement resembles Fig. 4's, with a smaller effect on the loss (the gain also changes the error).
        """
    let requiredExperiments = ["category-neuron-basis", "category-neuron-basis-semantic"]
    let mnist = SeededRuns.make("category-neuron-basis", [:])
    let semantic = SeededRuns.make("category-neuron-basis-semantic", [:])

    func runs(_ c: PlanContext) -> [RunRequest] { mnist.requests(c) + semantic.requests(c) }

    func parameterNotes(_ c: PlanContext) -> [String] { [mnist.note(c), semantic.note(c)] }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let fig = Style.figure(rows: 2, cols: 2, title: "Figure 19: " + title)
        let m = try inputs.runs(mnist.requests(c)), s = try inputs.runs(semantic.requests(c))
        try EngagementPanels.improvement(fig[0, 0], m)
        fig[0, 0].title = "MNIST"
        try EngagementPanels.improvement(fig[0, 1], s)
        fig[0, 1].title = "Semantic"
        try EngagementPanels.coefficients(fig[1, 0], m, prefix: "nu_", yLabel: "ν_{c}(t)")
        try EngagementPanels.coefficients(fig[1, 1], s, prefix: "nu_", yLabel: "ν_{c}(t)")
        return fig
    }
}

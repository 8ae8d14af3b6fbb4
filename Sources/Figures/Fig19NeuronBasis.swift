import Engagement
import FigureKit
import Render
import WorkbenchKit

/// Figure 19 (App. H.1.1, K.5): category assimilation with the restricted gain model (neuron
/// basis: one gain per output neuron, G1 = 0).
struct NeuronBasisFigure: PaperFigure {
    let number = 19
    let title = "Category assimilation with the neuron basis"
    let caption = """
        Category assimilation with the neuron-basis gain model (G1 = 0, one gain ν_c per output neuron). (a), (b) \
        Improvement in the loss with control, L_B(t) - L_C(t), on MNIST and the semantic hierarchy (mean ±2 std over \
        seeds); (c), (d) the optimal coefficients ν_c(t) per digit and per hierarchy node (colored by level). The \
        order of engagement resembles Fig. 4's, with a smaller effect on the loss (the gain also changes the error).
        """ + " " + DatasetNotes.semanticWithoutBias
    let requiredExperiments = [EngagementNames.categoryNeuronBasis, EngagementNames.categoryNeuronBasisSemantic]
    let mnist = SeededRuns.make(EngagementNames.categoryNeuronBasis)
    let semantic = SeededRuns.make(EngagementNames.categoryNeuronBasisSemantic)

    func runs(_ c: PlanContext) -> [RunRequest] { mnist.requests(c) + semantic.requests(c) }

    func parameterNotes(_ c: PlanContext) -> [String] { [mnist.note(c), semantic.note(c)] }

    /// Each digit's ease: minus its place in App. K.5's easy-to-hard order.
    static let ease = (0..<10).map { d in -Double(DigitPairFigure.paperOrder.firstIndex(of: d)!) }

    func claims(_ c: PlanContext) -> [Claim] {
        [
            Claim("(a, b) “Improvement in the loss function when using control for MNIST and Semantic dataset”: L_B(t) - L_C(t) never "
                  + "below -1% of its peak, and its peak positive, on both", citation: "Fig. 19 caption") { n in
                let r = try ["a", "b"].map { Rule.improves(try n.y(EngagementPanels.improvementLine(panel: $0))) }
                return ClaimOutcome(r.allSatisfy(\.passed), "MNIST: \(r[0].measured); semantic: \(r[1].measured)")
            },
            Claim("(c) “The results are similar in terms of order of the order of digits engaged through learning”: the engagement centers in "
                  + "time of ν_c above 0 rank the digits in Sec. 5.1's order (0, 1, 7, 6, 4, 2, 3, 9, 8, 5), Spearman ≥ \(Rule.orderCorrelation)",
                  citation: "App. K.5",
                  paperOnly: "the quick run (1500 steps) ends before the control releases the digits; paper preset, App. K.5's order: Spearman 0.81") { n in
                let centers = try (0..<10).map { d -> Double in
                    EngagementFigure.centerOrLast(Measure.engagementCenter(try n.y(EngagementPanels.coefficientLine(panel: "c", member: String(d))), neutral: 0))
                }
                let place = (0..<10).map { Double(EngagementFigure.assimilationOrder.firstIndex(of: $0)!) }
                let rho = Measure.spearman(centers, place), rhoK5 = Measure.spearman(centers, Self.ease.map { -$0 })
                let order = centers.indices.sorted { centers[$0] < centers[$1] }
                return ClaimOutcome(rho >= Rule.orderCorrelation, "digits by center: \(order.map(String.init).joined(separator: ", ")); "
                                    + "Spearman with Sec. 5.1's order \(Measure.text(rho)), with App. K.5's \(Measure.text(rhoK5))")
            },
            Claim("(d) semantic, “similar in terms of order” to Fig. 4 (k), engaged from the root down: the mean engagement center of ν_c "
                  + "above 0 per level grows with depth", citation: "App. K.5; Sec. 5.1") { n in
                let levels = try EngagementPanels.levels(n, panel: "d")
                let centers = levels.map { Measure.mean($0.map { EngagementFigure.centerOrLast(Measure.engagementCenter($0, neutral: 0)) }) }
                return ClaimOutcome(levels.count == 4 && Measure.increasing(centers),
                                    "center per level 0-3 (\(levels.map(\.count)) nodes): \(Measure.text(centers))")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let fig = Style.figure(rows: 2, cols: 2, title: "\(heading): " + title)
        let m = try inputs.runs(mnist.requests(c)), s = try inputs.runs(semantic.requests(c))
        try EngagementPanels.improvement(fig[0, 0], m)
        fig[0, 0].title = "MNIST"
        try EngagementPanels.improvement(fig[0, 1], s)
        fig[0, 1].title = "Semantic"
        try EngagementPanels.coefficients(fig[1, 0], m, EngagementNames.neuronBasisCoefficients, yLabel: "ν_{c}(t)")
        try EngagementPanels.coefficients(fig[1, 1], s, EngagementNames.neuronBasisCoefficients, yLabel: "ν_{c}(t)")
        return fig
    }
}

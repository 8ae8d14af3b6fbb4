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
        seeds); (c), (d) the optimal coefficients ν_c(t) per digit and per hierarchy node (coloured by level). The \
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
            Claim("(a, b) control improves the loss: L_B(t) - L_C(t) stays >= 0 (within 1% of its peak) and its peak is positive") { n in
                var parts: [String] = [], ok = true
                for (panel, name) in [("a", "MNIST"), ("b", "semantic")] {
                    let d = try n.y(EngagementPanels.improvementLine(panel: panel)), peak = d.max()!, low = d.min()!
                    ok = ok && peak > 0 && low >= -0.01 * peak
                    parts.append("\(name): min \(Measure.text(low)), peak \(Measure.text(peak))")
                }
                return ClaimOutcome(ok, parts.joined(separator: "; "))
            },
            // "The easiest digits are focused on first, then harder ones" (App. K.5): which digits the
            // control engages at the start, and the order in which it lets them go. A mean over the
            // whole run mixes the two (hard digits stay engaged longest), so each has its own claim.
            Claim("(c) the easiest digits (App. K.5, Fig. 18) are engaged most at the start: the mean ν_c over the first 5% of the run ranks the digits by ease") { n in
                let early = try (0..<10).map { d -> Double in
                    let v = try n.y(EngagementPanels.coefficientLine(panel: "c", member: String(d)))
                    return Measure.mean(Array(v.prefix(max(1, v.count / 20))))
                }
                let rho = Measure.spearman(early, Self.ease)
                let order = early.indices.sorted { early[$0] > early[$1] }
                return ClaimOutcome(rho > 0.7, "most engaged first: \(order.map(String.init).joined(separator: ", ")); "
                                    + "Spearman with App. K.5's order \(Measure.text(rho)) (> 0.7)")
            },
            Claim("(c) then harder ones: the centre in time of ν_c(t) comes later for harder digits",
                  paperOnly: "the quick run (1500 steps) ends before the control releases the digits; paper preset: Spearman 0.81") { n in
                let centres = try (0..<10).map { d -> Double in
                    let v = try n.y(EngagementPanels.coefficientLine(panel: "c", member: String(d)))
                    return Measure.timeCentre(v.map { max($0, 0) }) / Double(v.count)
                }
                let rho = Measure.spearman(centres, Self.ease.map { -$0 })
                return ClaimOutcome(rho > 0.7, "centres (share of the run), digits 0-9: \(Measure.text(centres)); "
                                    + "Spearman with App. K.5's easy-to-hard order \(Measure.text(rho)) (> 0.7)")
            },
            Claim("(d) semantic: engagement moves from the root level down, each level released after the one above") { n in
                let release = try (0..<4).map { level -> Double in
                    let v = try n.y(EngagementPanels.levelLine(panel: "d", level: level)), peak = v.max()!
                    let top = Measure.argmax(v)
                    return Double(v[top...].firstIndex { $0 < peak / 2 } ?? v.count)
                }
                return ClaimOutcome(Measure.increasing(release), "step where ν_c falls below half its peak, level 0..3: "
                                    + release.map { String(Int($0)) }.joined(separator: ", "))
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

import LearningRule
import FigureKit
import Render
import WorkbenchKit

/// This plugin's own figure (not one of the paper's): the optimized rule's coefficients through
/// training, which Fig. 9c shows only as a path in the plane, and what they do to the weights.
/// Drawn from Fig. 9's run (the same request, so the same cached run).
struct RuleCoefficientsFigure: WorkbenchFigure {
    let id = "learning-rule-coefficients"
    let title = "The optimized learning rule through training"
    let caption = """
        (a) The optimized rule's coefficients against task time: feedback γ_r(t) and Hebbian η_r(t) (gradient \
        descent, the baseline, is γ_r = η_r = 0). (b) RMS of the weights under gradient descent (baseline) and \
        under the optimized rule (control). The optimum sits at the upper-right corner of Fig. 9c's plane, both \
        coefficients at their bounds, for most of training, and leaves it only near the end of the run; with it the \
        weights grow sooner. Same run as Fig. 9 (learning-rule experiment).
        """
    let requiredExperiments = [LearningRuleNames.learningRule]

    /// The lines the claims read, as drawn.
    static let feedback = DrawnSeries(panel: "a", label: "feedback γ_{r}")
    static let hebbian = DrawnSeries(panel: "a", label: "Hebbian η_{r}")
    static let weights = Style.baselineVsControlLines(panel: "b")

    func parameterNotes(_ c: PlanContext) -> [String] {
        ["\(LearningRuleNames.learningRule) `\(c.preset.rawValue)` preset, the run of Fig. 9"]
    }

    func claims(_ c: PlanContext) -> [Claim] {
        [
            Claim("(a) the optimized rule stays in the upper-right corner of the plane through most of training: "
                  + "γ_r(t) > 0.9 and η_r(t) > 0.18 over at least 80% of the steps", citation: Claim.workbench, oneSeed: true) { n in
                let f = try n.y(Self.feedback), h = try n.y(Self.hebbian)
                let share = Double(zip(f, h).filter { $0 > 0.9 && $1 > 0.18 }.count) / Double(max(1, f.count))
                return ClaimOutcome(share >= 0.8, "share of steps in the corner: \(Measure.text(share))")
            },
            Claim("(b) the optimized rule grows the weights sooner: their RMS reaches half its final value earlier than under gradient descent", citation: Claim.workbench, oneSeed: true) { n in
                func halfway(_ v: [Double]) -> Int? {
                    guard let first = v.first, let last = v.last, last > first else { return nil }
                    return v.firstIndex { $0 >= first + (last - first) / 2 }
                }
                guard let b = halfway(try n.y(Self.weights.baseline)), let c = halfway(try n.y(Self.weights.control)) else {
                    return ClaimOutcome(false, "a weight RMS does not grow")
                }
                return ClaimOutcome(c < b, "halfway at step \(c) (optimized rule) vs \(b) (gradient descent)")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let run = try inputs.run(runs(inputs.context)[0])
        let fig = Style.figure(rows: 1, cols: 2, title: "\(heading): \(title)")
        let rule = fig[0, 0]
        rule.line(try run.column(LearningRuleNames.feedback, .control), label: Self.feedback.label, color: Style.control,
                  width: Style.lineWidth)
        rule.line(try run.column(LearningRuleNames.hebbian, .control), label: Self.hebbian.label, color: Color.C(1),
                  width: Style.lineWidth)
        rule.hline(0, color: .gray, width: 0.8, label: "gradient descent")
        rule.xLabel = Style.taskTime
        rule.yLabel = "Rule coefficient"
        let weights = fig[0, 1]
        try Style.baselineVsControl(weights, [run], column: LearningRuleNames.weightRMS, yLabel: "RMS of the weights")
        return fig
    }
}

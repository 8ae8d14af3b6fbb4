import Render
import WorkbenchKit

/// Figure 8 (App. F.2): optimal learning-rate schedules and the resulting dynamics when varying
/// γ and β, with the cost offset 0 (baseline learning is free) and -1 (any learning costs).
struct LearningRateFigure: PaperFigure {
    let id = "fig8"
    let number = 8
    let title = "Learning-rate optimisation on the semantic task"
    let caption = """
        Top row: optimal learning rates α(t) = (1 + ρ(t)) α; bottom row: the resulting loss L(t) (the baseline, \
        constant α, in black). (a)-(d) varying γ: (a), (b) with cost offset 0 (the baseline dynamics cost nothing), \
        (c), (d) with offset -1 (any learning is costly); (e)-(h) the same when varying β. More control with larger γ \
        and smaller β; with a high cost only the first levels of the hierarchy are worth learning.
        """
    let requiredExperiments = [LearningRateRuns.experiment]

    /// Columns in caption order: (sweep, offset).
    func columns(_ c: PlanContext) -> [(Sweep, Int)] {
        [(LearningRateRuns.gamma(c), 0), (LearningRateRuns.gamma(c), -1),
         (LearningRateRuns.beta(c), 0), (LearningRateRuns.beta(c), -1)]
    }

    func runs(_ c: PlanContext) -> [RunRequest] {
        columns(c).flatMap { $0.0.requests(LearningRateRuns.base(c, offset: $0.1)) }
    }

    func parameterNotes(_ c: PlanContext) -> [String] { [LearningRateRuns.note(c)] }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let fig = Style.figure(rows: 2, cols: 4, title: "Figure 8: " + title)
        // The caption letters run down each column, so they go in the titles.
        fig.panelLetters = false
        for (k, (sweep, offset)) in columns(c).enumerated() {
            let records = try inputs.runs(sweep.requests(LearningRateRuns.base(c, offset: offset)))
            let rate = fig[0, k], loss = fig[1, k]
            try sweep.draw(rate, records) { try $0.column("effective_lr_control") }
            rate.yLabel = "Optimal α(t)"
            rate.title = "(\(Character(UnicodeScalar(97 + 2 * k)!))) \(sweep.label), offset \(offset)"
            loss.line(try records[0].column("loss_baseline"), label: "baseline", color: Style.baseline, width: Style.lineWidth)
            try sweep.draw(loss, records) { try $0.column("loss_control") }
            loss.yLabel = "Loss L(t)"
            loss.title = "(\(Character(UnicodeScalar(98 + 2 * k)!))) \(sweep.label), offset \(offset)"
        }
        return fig
    }
}

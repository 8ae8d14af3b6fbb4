import WeightDecay
import FigureKit
import Render
import WorkbenchKit

/// The weight-decay example's figure (not one of the paper's): the optimized schedule lambda(t),
/// and what it does to the population loss L (what V rewards) and to the training loss.
struct DecayScheduleFigure: WorkbenchFigure {
    let id = "weight-decay-schedule"
    let title = "An optimized weight-decay schedule against overfitting"
    let caption = """
        (a) The optimized weight decay λ(t) against task time (plain gradient descent, the baseline, has λ = 0), \
        and the best constant decay for this sample (dashed): the ridge penalty whose fit, once converged, pays \
        the least ηL + βλ² per unit time. The decay is off at the start, where the weights are still 0 and it has nothing to act \
        on, rises while the teacher is learned and settles near the ridge optimum. (b) Population loss L (what V \
        rewards): gradient descent learns the teacher, then fits the training sample's noise and L rises again; \
        with the decay L ends below gradient descent's best. (c) Training loss: the decay pays for this with a \
        worse fit of the sample.
        """
    let requiredExperiments = [WeightDecayNames.weightDecay]

    /// The lines the claims read, as drawn.
    static let decay = DrawnSeries(panel: "a", label: "weight decay λ")
    static let bestConstant = DrawnSeries(panel: "a", label: "best constant λ")
    static let population = Style.baselineVsControlLines(panel: "b")
    static let training = Style.baselineVsControlLines(panel: "c")

    func claims(_ c: PlanContext) -> [Claim] {
        [
            Claim("(b) gradient descent overfits: its population loss ends more than 10% above its minimum", citation: Claim.workbench, oneSeed: true) { n in
                let l = try n.y(Self.population.baseline)
                let least = l.min() ?? .nan, last = l.last ?? .nan
                return ClaimOutcome(last > 1.1 * least, "minimum \(Measure.text(least)), end \(Measure.text(last))")
            },
            // Tuned ridge does at least as well as early stopping on isotropic data (Ali et al. 2019).
            Claim("(b) the optimized decay ends with a lower population loss than gradient descent reaches at any time", citation: Claim.workbench, oneSeed: true) { n in
                let b = try n.y(Self.population.baseline).min() ?? .nan, d = try n.y(Self.population.control).last ?? .nan
                return ClaimOutcome(d < b, "decay's end \(Measure.text(d)), gradient descent's minimum \(Measure.text(b))")
            },
            Claim("(a) the decay settles within 2% of the best constant decay for this sample (the ridge penalty minimizing ηL + βλ²)", citation: Claim.workbench, oneSeed: true) { n in
                let l = try n.y(Self.decay), ridge = try n.y(Self.bestConstant).first ?? .nan
                // The last step's decay acts on nothing (no update follows it), so it is left out.
                let late = Measure.mean(Array(l.dropLast().suffix(l.count / 2)))
                return ClaimOutcome(abs(late - ridge) < 0.02 * ridge,
                                    "mean λ over the second half \(Measure.text(late)), best constant \(Measure.text(ridge))")
            },
            Claim("(c) the decay fits the training sample worse than gradient descent at the end", citation: Claim.workbench, oneSeed: true) { n in
                let b = try n.y(Self.training.baseline).last ?? .nan, d = try n.y(Self.training.control).last ?? .nan
                return ClaimOutcome(d > b, "end: \(Measure.text(d)) (decay) vs \(Measure.text(b)) (gradient descent)")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let run = try inputs.run(runs(inputs.context)[0])
        let fig = Style.figure(rows: 1, cols: 3, title: "\(heading): \(title)")
        let schedule = fig[0, 0]
        schedule.line(try run.column(WeightDecayNames.decay, .control), label: Self.decay.label, color: Style.control,
                      width: Style.lineWidth)
        schedule.hline(try run.scalar(WeightDecayNames.bestConstantDecay), color: .gray, width: 0.8,
                       label: Self.bestConstant.label)
        schedule.xLabel = Style.taskTime
        schedule.yLabel = "Weight decay λ(t)"
        try Style.baselineVsControl(fig[0, 1], [run], column: RunColumns.loss, yLabel: "Population loss L")
        try Style.baselineVsControl(fig[0, 2], [run], column: WeightDecayNames.trainingLoss, yLabel: "Training loss")
        return fig
    }
}

/// The figure this plugin draws of its own, after the paper's (its experiments come from the
/// plugin itself).
extension WeightDecayPlugin: FigurePlugin {
    public static let figures: [any WorkbenchFigure] = [DecayScheduleFigure()]
}

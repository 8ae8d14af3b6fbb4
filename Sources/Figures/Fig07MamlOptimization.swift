import FigureKit
import Maml
import Render
import WorkbenchKit

/// Figure 7 (App. F.1): multi-step MAML, the evaluation loss accumulated over the learning from
/// the found initialization, and the meta-objective through the control iterations.
struct MamlOptimizationFigure: PaperFigure {
    let number = 7
    let title = "Multi-step MAML: evaluation and optimization"
    let caption = """
        (a) Cumulative evaluation loss Σ dt L over the evaluation steps (the area under Fig. 6's curves) from the \
        initialization found with K optimized steps, mean over the five MNIST pairs and over seeds (line, ±2 std \
        over seeds) and per pair (dots, mean over seeds); dashed black: random initialization; gray dashed: the \
        authors' code's objective (V sums i = 0..K), one seed. The tasks' statistics come from the training split; \
        the squares repeat the evaluation on the test split, as the paper's train/test comparison. (b) The loss \
        optimized, -V, against control iterations, one curve per K (mean over seeds; a run that stopped early keeps \
        its last value); (c) the same divided by its maximum. The meta-objective is eq. 26's (V sums i = 1..K).
        """
    let requiredExperiments = [MamlRuns.experiment]

    func runs(_ c: PlanContext) -> [RunRequest] { MamlRuns.requests(c) }

    func parameterNotes(_ c: PlanContext) -> [String] { [MamlRuns.note(c)] }

    /// The series the claims read, as drawn: (a) the cumulative loss from the learned
    /// initialization (training split and the held-out test split) and the random one, (c) the
    /// normalized objective over K.
    static let learned = DrawnSeries(panel: "a", label: "learned init")
    static let heldOut = DrawnSeries(panel: "a", label: "learned init, held-out split")
    static let random = DrawnSeries(panel: "a", label: "random init")
    static let authors = DrawnSeries(panel: "a", label: "authors' code, seed 0")
    static let normalizedObjective = DrawnSeries(panel: "c", label: MamlClaims.kFamily)

    func claims(_ c: PlanContext) -> [Claim] {
        [
            Claim("(a) “considering more time-steps in the optimization … is beneficial for the resulting dynamics … the loss dynamics "
                  + "in the evaluation steps is improve[d] very quickly (Figure 7)”: the cumulative evaluation loss falls strictly with K "
                  + "(training split)", citation: "App. F.1") { n in
                let learned = try n.y(Self.learned)
                return ClaimOutcome(Measure.decreasing(learned), "Σ dt L over K ascending: \(Measure.text(learned))")
            },
            Claim("(a) “evaluated on training and test sets”: on the test split too the cumulative evaluation loss falls strictly with K",
                  citation: "Fig. 7 caption") { n in
                let test = try n.y(Self.heldOut), train = try n.y(Self.learned)
                return ClaimOutcome(Measure.decreasing(test), "Σ dt L on the test split over K ascending: \(Measure.text(test)); "
                                    + "test / training split: \(Measure.text(zip(test, train).map { $0 / $1 }))")
            },
            MamlClaims.plateau(Self.normalizedObjective),
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let maml = try MamlRuns.seeded(c).map { try inputs.runs($0) }     // [seed][K]
        let authors = try inputs.runs(MamlRuns.authors(c))
        let ks = MamlRuns.steps(c).map(Double.init)
        let fig = Style.figure(rows: 1, cols: 3, title: "\(heading): " + title)
        let cumulative = fig[0, 0]
        try MamlRuns.drawMean(cumulative, ks, maml, label: Self.learned.label) { try $0.scalar(MamlNames.cumulativeEvalLoss.control) }
        if maml.allSatisfy({ $0.allSatisfy { $0[MamlNames.cumulativeEvalLossHeldout.control] != nil } }) {
            cumulative.line(ks, try MamlRuns.meanStd(maml) { try $0.scalar(MamlNames.cumulativeEvalLossHeldout.control) }.mean,
                            label: Self.heldOut.label, color: Color.C(1), marker: .square)
        }
        try MamlRuns.drawAuthors(cumulative, ks, authors, label: Self.authors.label) { try $0.scalar(MamlNames.cumulativeEvalLoss.control) }
        let perTask = try ks.indices.map { k in Style.meanStd(try maml.map { try $0[k].array(MamlNames.cumulativeEvalLossPerTask.control) }).mean }
        let tasks = perTask.map(\.count).min() ?? 0
        for t in 0..<tasks {
            cumulative.scatter(ks, perTask.map { $0[t] }, label: t == 0 ? "per pair" : nil, color: Color.gray, size: 4)
        }
        cumulative.hline(Measure.mean(try maml.map { try $0[0].scalar(MamlNames.cumulativeEvalLoss.baseline) }),
                         color: Style.baseline, label: Self.random.label)
        cumulative.xLabel = "Optimized steps K"
        cumulative.yLabel = "Cumulative eval loss"

        let histories = MamlRuns.meanObjective(maml)
        let n = histories.map(\.count).min() ?? 0
        let x = Style.steps(n)
        fig[0, 1].lines(x, histories.map { Array($0.prefix(n)) }, parameters: ks, name: MamlClaims.kFamily)
        fig[0, 1].yLabel = "-V (loss optimized)"
        fig[0, 2].lines(x, histories.map { Style.normalizedByMax(Array($0.prefix(n))) }, parameters: ks, name: Self.normalizedObjective.label)
        fig[0, 2].yLabel = "-V / max"
        for k in 1...2 { fig[0, k].xLabel = "Control iteration" }
        return fig
    }
}

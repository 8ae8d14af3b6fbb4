import FigureKit
import Maml
import Render
import WorkbenchKit

/// Figure 6 (App. F.1): multi-step MAML per MNIST pair, the learning from the initialization found
/// with K optimized steps and its one-step loss, colored by K.
struct MamlDynamicsFigure: PaperFigure {
    let number = 6
    let title = "Multi-step MAML: learning from the found initialization, per MNIST pair"
    let caption = """
        Multi-step MAML in the learning-effort framework. Top row (a)-(f): the loss L(t) through the evaluation \
        steps, learning from the initialization found by optimizing K steps (viridis color = K; K = 1 is standard \
        MAML). Bottom row (g)-(l): the one-step-ahead loss (the first loss after the initialization of each curve \
        above) against K, same colors. Columns: the binary MNIST pairs (0,1), (7,1), (8,9), (3,8), (5,3), and \
        their average L_MAML ((f), (l)); the paper letters the columns (a)-(f). The meta-objective is eq. 26's \
        (V sums the losses after the updates, i = 1..K); curves and points are means over seeds. In (l) the gray \
        dashed line is the authors' code's objective (V sums i = 0..K, the loss at the initialization included), one \
        seed: the paper's figures were made with it. A top panel whose losses span more than a factor 20 (the \
        first losses from some optimum initializations) has a log axis. The paper reports that a few optimized steps lower the \
        one-step loss below standard MAML's and more raise it again while later learning keeps improving; the \
        claims below say under which objective and procedure that holds here.
        """
    let requiredExperiments = [MamlRuns.experiment]
    static let authorsOneStep = DrawnSeries(panel: "l", label: "authors' code, seed 0")

    func runs(_ c: PlanContext) -> [RunRequest] { MamlRuns.requests(c) }

    func parameterNotes(_ c: PlanContext) -> [String] { [MamlRuns.note(c)] }

    func claims(_ c: PlanContext) -> [Claim] {
        [
            MamlClaims.oneStepDip(.unlabeled("line", panel: "l"), citation: "App. F.1",
                                  pairs: ["g", "h", "i", "j", "k"].map { .unlabeled("line", panel: $0) }, authors: Self.authorsOneStep),
            Claim("(f) “The more steps are considered, the faster the learning after optimizing for initial parameters”: over K "
                  + "ascending, the mean loss reaches 90% of its fall at a strictly earlier step and its sum over the evaluation steps "
                  + "falls strictly", citation: "App. F.1") { n in
                let curves = try n.family(DrawnSeries(panel: "f", label: MamlClaims.kFamily))
                let t90 = curves.map { Measure.timeToFall($0.values, share: Rule.fallShare).map(Double.init) ?? .infinity }
                let sums = curves.map { Measure.sum($0.values) }
                return ClaimOutcome(Measure.decreasing(t90) && Measure.decreasing(sums),
                                    "step of 90% of the fall over K ascending: \(t90.map { $0.isFinite ? String(Int($0)) : "never" }.joined(separator: ", ")); "
                                    + "ΣL: \(Measure.text(sums)); last loss: \(Measure.text(curves.map { $0.values.last ?? .nan }))")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let maml = try MamlRuns.seeded(c).map { try inputs.runs($0) }     // [seed][K]
        let authors = try inputs.runs(MamlRuns.authors(c))
        let ks = MamlRuns.steps(c).map(Double.init)
        // Per seed [K][task][step] and [K][task]: averaged over seeds below, pair by pair.
        let curves = try maml.map { try $0.map { try $0.matrix(MamlNames.evalLossPerTask.control) } }
        let oneStep = try maml.map { try $0.map { try $0.array(MamlNames.oneStepLossPerTask.control) } }
        let tasks = maml[0][0].names(MamlNames.tasks)
        let n = min(curves.flatMap { $0.map(\.count) }.min() ?? 0, oneStep.flatMap { $0.map(\.count) }.min() ?? 0)
        guard n > 0 else { throw WorkbenchError("maml runs record no per-task evaluation curves") }
        func seedMean(_ perSeed: [[Double]]) -> [Double] { Style.meanStd(perSeed).mean }
        let fig = Style.figure(rows: 2, cols: n + 1, title: "\(heading): " + title)
        let colormap = Colormap.viridis
        let (lo, hi) = (ks.min()!, ks.max()!)
        func color(_ k: Double) -> Color { colormap.color(at: hi > lo ? (k - lo) / (hi - lo) : 0.5) }
        for column in 0...n {
            let isMean = column == n
            let dynamics = fig[0, column], first = fig[1, column]
            let ys = isMean
                ? try MamlRuns.meanSeries(maml) { try $0.array(MamlNames.evalLossMean.control) }
                : ks.indices.map { k in seedMean(curves.map { $0[k][column] }) }
            dynamics.lines(Style.steps(ys.map(\.count).min() ?? 0), ys, parameters: ks, name: MamlClaims.kFamily)
            // An initialization whose first losses lie decades above where learning settles (the
            // unconverged optimum's small K) would flatten every other curve on a linear axis.
            let losses = Array(ys.joined())
            if losses.allSatisfy({ $0 > 0 }), let least = losses.min(), let most = losses.max(), most > 20 * least {
                dynamics.yScale = .log
            }
            dynamics.xLabel = Style.taskTime
            dynamics.yLabel = column == 0 ? "Loss L(t)" : nil
            dynamics.title = isMean ? "Mean over pairs" : "Pair " + (column < tasks.count ? tasks[column] : "\(column)")
            let values = isMean
                ? try MamlRuns.meanStd(maml) { try $0.scalar(MamlNames.oneStepLoss.control) }.mean
                : ks.indices.map { k in Measure.mean(oneStep.map { $0[k][column] }) }
            first.line(ks, values, color: .gray, width: 1)
            for (k, v) in zip(ks, values) { first.scatter([k], [v], color: color(k), size: 8) }
            if isMean {
                try MamlRuns.drawAuthors(first, ks, authors, label: Self.authorsOneStep.label) { try $0.scalar(MamlNames.oneStepLoss.control) }
                first.showLegend = false                              // a legend would squeeze the narrow panel; the caption says it
            }
            first.xLabel = "Optimized steps K"
            first.yLabel = column == 0 ? "One-step loss" : (isMean ? "L_{MAML}" : nil)
        }
        return fig
    }
}

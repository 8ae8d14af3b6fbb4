import FigureKit
import Maml
import Render
import WorkbenchKit

/// Figure 6 (App. F.1): multi-step MAML per MNIST pair, the learning from the initialisation found
/// with K optimised steps and its one-step loss, coloured by K.
struct MamlDynamicsFigure: PaperFigure {
    let number = 6
    let title = "Multi-step MAML: learning from the found initialisation, per MNIST pair"
    let caption = """
        Multi-step MAML in the learning-effort framework. Top row (a)-(f): the loss L(t) through the evaluation \
        steps, learning from the initialisation found by optimising K steps (viridis colour = K; K = 1 is standard \
        MAML). Bottom row (g)-(l): the one-step-ahead loss (the first loss after the initialisation of each curve \
        above) against K, same colours. Columns: the binary MNIST pairs (0,1), (7,1), (8,9), (3,8), (5,3), and \
        their average L_MAML ((f), (l)); the paper letters the columns (a)-(f). The meta-objective includes the loss \
        at the initialisation (V sums i = 0..K, as the authors' code did; eq. 26 starts at i = 1, and with it the \
        one-step loss only rises with K on the paper preset). A few optimised steps lower the one-step loss below \
        standard MAML's; more steps raise it again while the loss later in learning keeps falling; the pairs differ \
        (the shared initialisation favours some pairs over others). The dip needs the paper's optimiser (Adam), \
        which leaves K = 1 on a plateau (Fig. 7c); with L-BFGS, K = 1 has the lowest one-step loss.
        """
    let requiredExperiments = [MamlRuns.experiment]

    func runs(_ c: PlanContext) -> [RunRequest] { MamlRuns.requests(c) }

    func parameterNotes(_ c: PlanContext) -> [String] { [MamlRuns.note(c)] }

    func claims(_ c: PlanContext) -> [Claim] {
        [
            MamlClaims.oneStepDip(.unlabelled("line", panel: "l"), citation: "App. F.1",
                                  pairs: ["g", "h", "i", "j", "k"].map { .unlabelled("line", panel: $0) }),
            Claim("(f) “The more steps are considered, the faster the learning after optimizing for initial parameters”: over K "
                  + "ascending, the mean loss reaches 90% of its fall at a strictly earlier step and its sum over the evaluation steps "
                  + "falls strictly", citation: "App. F.1", oneSeed: true) { n in
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
        let maml = try inputs.runs(runs(c))
        let ks = MamlRuns.steps(c).map(Double.init)
        let curves = try maml.map { try $0.matrix(MamlNames.evalLossPerTask.control) }   // [K][task][step]
        let oneStep = try maml.map { try $0.array(MamlNames.oneStepLossPerTask.control) }
        let tasks = maml[0].names(MamlNames.tasks)
        let n = min(curves.map(\.count).min() ?? 0, oneStep.map(\.count).min() ?? 0)
        guard n > 0 else { throw WorkbenchError("maml runs record no per-task evaluation curves") }
        let fig = Style.figure(rows: 2, cols: n + 1, title: "\(heading): " + title)
        let colormap = Colormap.viridis
        let (lo, hi) = (ks.min()!, ks.max()!)
        func color(_ k: Double) -> Color { colormap.color(at: hi > lo ? (k - lo) / (hi - lo) : 0.5) }
        for column in 0...n {
            let isMean = column == n
            let dynamics = fig[0, column], first = fig[1, column]
            let ys = isMean ? try maml.map { try $0.array(MamlNames.evalLossMean.control) } : curves.map { $0[column] }
            dynamics.lines(Style.steps(ys.map(\.count).min() ?? 0), ys, parameters: ks, name: MamlClaims.kFamily)
            dynamics.xLabel = Style.taskTime
            dynamics.yLabel = column == 0 ? "Loss L(t)" : nil
            dynamics.title = isMean ? "Mean over pairs" : "Pair " + (column < tasks.count ? tasks[column] : "\(column)")
            let values = isMean ? try maml.map { try $0.scalar(MamlNames.oneStepLoss.control) } : oneStep.map { $0[column] }
            first.line(ks, values, color: .gray, width: 1)
            for (k, v) in zip(ks, values) { first.scatter([k], [v], color: color(k), size: 8) }
            first.xLabel = "Optimised steps K"
            first.yLabel = column == 0 ? "One-step loss" : (isMean ? "L_{MAML}" : nil)
        }
        return fig
    }
}

import Datasets
import WorkbenchKit

/// `learning-rule`: the coefficients (gamma_r(t), eta_r(t)) of Cao et al.'s rule family as the
/// control (App. F.3, eqs. 30-38, Fig. 9), on the hierarchically structured (semantic) data Cao et
/// al. studied. No cost; per-component bounds -1 <= gamma_r <= 1 and -0.2 <= eta_r <= 0.2; the
/// paper's clamped gradient ascent (eq. 38) from gamma_r = eta_r = 0, i.e. from gradient descent.
///
/// The paper gives no table for this experiment ("hyperparameters as in Cao et al. 2020"); the
/// defaults here (4-level hierarchy, H = 30, alpha = 0.005, init std 1e-4 = the rich regime) are
/// those of the paper's other semantic experiments (Table 5) and are stated in result.json.
/// result.json also places the optimized rule in Fig. 9c's plane (its regime) next to the named rules.
public struct LearningRuleExperiment: Experiment {
    public init() {}
    public let name = LearningRuleNames.learningRule.text
    public let summary = "App. F.3: meta-learning Cao et al.'s learning-rule coefficients (feedback gamma, Hebbian eta) over time (Fig. 9)"

    /// Fig. 9c's named rules in the (gamma_r, eta_r) plane (Cao et al. 2020): gamma_r is the
    /// top-down feedback (0 gradient descent, +1 contrastive Hebbian, -1 quasi-predictive coding),
    /// eta_r the Hebbian term (> 0 Hebbian, < 0 anti-Hebbian); H and AH are drawn at the bounds.
    public static let namedRules: [(name: String, label: String, feedback: Double, hebbian: Double)] = [
        ("SGD", "gradient descent", 0, 0),
        ("CH", "contrastive Hebbian", 1, 0),
        ("QPC", "quasi-predictive coding", -1, 0),
        ("H", "Hebbian", 0, 0.2),
        ("AH", "anti-Hebbian", 0, -0.2),
    ]

    public var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 8000, learningRate: 0.005, beta: 0, controlRate: 100,
                                       iterations: 300, lower: 0, upper: 0))
            .omitting(Parameter.beta, Parameter.lower, Parameter.upper)
        + [
            .of(LearningRuleKeys.feedbackBound, default: 1),
            .of(LearningRuleKeys.hebbianBound, default: 0.2),
            .of(.levels, default: 4),
            .of(.hidden, default: 30),
            .of(.weightInitStd, default: 1e-4, help: "weight init std (small: the rich, step-like regime)"),
            .of(LearningRuleKeys.hebbianRate, default: .alpha),
        ]
    }

    public var presets: Presets {
        Presets(quick: [.set(.steps, 2000), .set(.iterations, 60), .set(.levels, 3), .set(.hidden, 12), .set(.weightInitStd, 0.01)])
    }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let task = try SemanticHierarchy(levels: p[.levels])
        let rate = p[LearningRuleKeys.hebbianRate]
        let net = RuleFamilyNetwork(task: task.statistics, hidden: p[.hidden],
                                    hebbianScale: rate == .alpha ? 1 : 1 / p[.learningRate])
        var rng = SeededGenerator(seed: context.seed)
        let w0 = rng.normals(net.stateCount, std: p[.weightInitStd])
        let engine = try StandardParameters.problem(p, dynamics: net, cost: ZeroCost(), map: .perStep(initialState: w0))
        let steps = p[.steps]
        let fb = p[LearningRuleKeys.feedbackBound], hb = p[LearningRuleKeys.hebbianBound]
        let optimizer = OptimizerSettings(kind: p[.optimizer], rate: p[.controlRate],
                                          iterations: p[.iterations],
                                          bounds: Bounds(lower: [-fb, -hb], upper: [fb, hb]))
        let zero = [Double](repeating: 0, count: steps * 2)
        return PreparedRun(
            engine: engine, initialControl: zero, optimizer: optimizer,
            describe: { trajectory, _ in
                let n = trajectory.stateCount, theta = trajectory.control
                var weightL2 = [Double](repeating: 0, count: steps)
                trajectory.forEachState { i, w in
                    weightL2[i] = (UnsafeBufferPointer(start: w, count: n).reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot()
                }
                return [SeriesColumn(LearningRuleNames.feedback, (0..<steps).map { theta[2 * $0] }),
                        SeriesColumn(LearningRuleNames.hebbian, (0..<steps).map { theta[2 * $0 + 1] }),
                        SeriesColumn(LearningRuleNames.weightRMS, weightL2)]
            },
            extraResults: { _, control in Self.ruleSpace(control.control, steps: steps) })
    }

    /// The optimized rule in Fig. 9c's plane: its time average, start and end, and the named rules.
    static func ruleSpace(_ theta: [Double], steps: Int) -> [String: Any] {
        let gammaR = (0..<steps).map { theta[2 * $0] }, etaR = (0..<steps).map { theta[2 * $0 + 1] }
        let mean = [gammaR.reduce(0, +) / Double(steps), etaR.reduce(0, +) / Double(steps)]
        // The regime of Fig. 9c's plane the time-averaged rule falls in: the feedback axis picks
        // CH / SGD / QPC, the Hebbian axis adds H or AH (the paper's optimum: "CH+H", upper right).
        let feedbackName = mean[0] > 0.1 ? "CH" : (mean[0] < -0.1 ? "QPC" : "SGD")
        let hebbianName = mean[1] > 0.02 ? "+H" : (mean[1] < -0.02 ? "+AH" : "")
        // The last step's control acts on nothing (no update follows), so "end" is the step before.
        let end = max(steps - 2, 0)
        let names = LearningRuleNames.self
        return [names.ruleMean.text: [names.feedbackKey: mean[0], names.hebbianKey: mean[1]],
                names.ruleStart.text: [names.feedbackKey: gammaR[0], names.hebbianKey: etaR[0]],
                names.ruleEnd.text: [names.feedbackKey: gammaR[end], names.hebbianKey: etaR[end]],
                names.regime.text: feedbackName + hebbianName,
                names.namedRules.text: namedRules.map { [names.ruleName: $0.name, "label": $0.label, names.feedbackKey: $0.feedback, names.hebbianKey: $0.hebbian] }]
    }
}

/// How the Hebbian term enters the rule (App. F.3): scaled by the rule's learning rate alpha like
/// the contrastive terms (eqs. 35-36), or without it, as eqs. 34 and 37 are printed.
public enum HebbianRate: String, ParameterChoice {
    case alpha, printed
}

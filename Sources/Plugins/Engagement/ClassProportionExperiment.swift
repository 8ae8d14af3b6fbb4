import Datasets
import WorkbenchKit

/// `class-proportion` (App. H.3 eq. 86, Fig. 4l-m): the MNIST category engagement phi_c(t) is
/// optimized as in `category-engagement`, then reused as a curriculum of class proportions for
/// the plain (uncontrolled) network: a batch of size B holds b_c(t) = phi_c(t) B / C examples of
/// class c. In expectation over batches this trains on the mixture statistics
/// sum_c (phi_c(t) / C) Sigma_c of the class-conditional moments, which is what is integrated here
/// (the same Euler scheme as every other run), and the per-class losses are exact.
///
/// Columns (the runner suffixes them): with the baseline control phi = 1 the curriculum is the
/// uniform one, so `loss_balanced_baseline` is Fig. 4l's "Uniform", `loss_balanced_control` its
/// "Balanced" (balanced-batch loss while training on the curriculum) and
/// `loss_curriculum_control` its "Curriculum"; `class_loss_<digit>` are Fig. 4m's per-class
/// losses. The curriculum is piecewise constant over `chunk` steps (phi averaged over each chunk)
/// to keep the schedule of statistics small.
///
/// SGD replay (`sgd_runs` > 0, the paper's actual experiment): the plain network is trained by
/// SGD on MNIST batches holding exactly b_c(t_i) examples of class c (eq. 86, rounded by largest
/// remainders to keep size B; see `CurriculumReplay`). Its series columns, suffixed like the
/// others: `sgd_loss` (the sampled training-batch loss), `sgd_balanced` (exact loss on balanced
/// classes, mean over c of the class-conditional losses of the SGD weights), `sgd_curriculum`
/// (exact loss on the step's batch composition) and `sgd_class_loss_<digit>`, each _mean/_std
/// over runs. Fig. 4l: Uniform = sgd_balanced_mean_baseline (phi = 1 gives B/C per class),
/// Balanced = sgd_balanced_mean_control, Curriculum = sgd_curriculum_mean_control; Fig. 4m:
/// sgd_class_loss_<digit>_mean_{control,baseline}.
public struct ClassProportionExperiment: Experiment {
    public init() {}
    let category = CategoryEngagementExperiment(.mnist, .engagement)
    public let name = EngagementNames.classProportion.text
    public let summary = "App. H.3 eq. 86: MNIST phi_c(t) reused as class proportions of the batches vs uniform (Fig. 4l-m)"

    public var parameters: [ParameterSpec] {
        withDefaults(category.parameters, [
            .of(.sgdRuns, default: 5, help: "SGD runs of the plain network on curriculum / uniform batches (Fig. 4: 5)"),
        ]) + [.of(EngagementKeys.chunk, default: 50),
              // The authors' class-proportion experiment trained 5000 SGD steps (t = 250 at rate 0.05) on
              // the first 5000 entries of the 30000-step phi: the curriculum's gain is early learning.
              .of(.sgdSteps, default: 5000, help: "SGD steps of each replay, at most steps (the authors' experiment: 5000, t = 250)")]
    }
    /// quick: the category quick preset with Adam (60 plain-gradient iterations move phi only ~3%
    /// from 1, about a fifth of what 300 do; Adam at 0.005 gets as far in 60) and 3 SGD replays.
    public var presets: Presets {
        category.presets.adding([.set(.sgdRuns, 3), .set(.optimizer, .adam), .set(.controlRate, 0.005)], to: .quick)
    }
    public func needsMNIST(_ p: ParameterValues) -> Bool { true }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let problem = try CategoryProblem(category, p, context: context)
        var run = problem.run()
        let curriculum = Curriculum(problem: problem, chunk: p[EngagementKeys.chunk], gamma: p[.gamma], eta: p[.eta])
        let engagement = run.describe
        run.describe = { trajectory, baseline in
            engagement(trajectory, baseline) + curriculum.columns(trajectory.control)
        }
        run.sgd = p[.sgdRuns] > 0 ? try CurriculumReplay(problem: problem).replay() : nil
        let categoryExtra = run.extraResults
        run.extraResults = { base, control in
            var out = categoryExtra(base, control)
            let uniform = curriculum.evaluate(base.control), learned = curriculum.evaluate(control.control)
            out["mean_balanced_loss_uniform"] = mean(uniform.balanced)
            out["mean_balanced_loss_curriculum"] = mean(learned.balanced)
            out["mean_curriculum_loss_curriculum"] = mean(learned.curriculum)
            return out
        }
        return run
    }
}

func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }

/// Training the uncontrolled network on class proportions phi_c(t)/C and measuring it.
struct Curriculum {
    let problem: CategoryProblem
    let chunk: Int
    let gamma: Double
    let eta: Double
    /// One network per class, only evaluated (its loss is the class-conditional loss).
    let classNets: [TwoLayerNetwork]

    init(problem: CategoryProblem, chunk: Int, gamma: Double, eta: Double) {
        self.problem = problem; self.chunk = chunk; self.gamma = gamma; self.eta = eta
        let cfg = TwoLayerNetwork.Configuration(hidden: problem.net.hidden, lambda: problem.net.configuration.lambda)
        classNets = problem.data.classStatistics.map { TwoLayerNetwork(configuration: cfg, task: $0) }
    }

    struct Losses { var perClass: [[Double]]; var balanced: [Double]; var curriculum: [Double] }

    /// Class proportions of each chunk: phi_c averaged over the chunk, divided by C.
    func proportions(_ theta: [Double], steps: Int) -> [[Double]] {
        let m = problem.net.controlCount, range = problem.range, c = Double(range.count)
        return stride(from: 0, to: steps, by: chunk).map { start in
            let end = min(start + chunk, steps)
            return range.map { k in (start..<end).reduce(0) { $0 + theta[$1 * m + k] } / (Double(end - start) * c) }
        }
    }

    func evaluate(_ theta: [Double]) -> Losses {
        let steps = problem.parameters[.steps]
        let props = proportions(theta, steps: steps)
        let stats = problem.data.classStatistics
        let mixtures = props.map { pi in mixture(stats, pi) }
        let net = TwoLayerNetwork(configuration: .init(hidden: problem.net.hidden, lambda: problem.net.configuration.lambda),
                                  tasks: mixtures, switchEvery: chunk)
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: problem.parameters[.learningRate],
                                           gamma: gamma, eta: eta, cost: ZeroCost(),
                                           map: .perStep(initialState: problem.w0)),
                            leanestWithin: (try? MemoryBudget.current()) ?? .unlimited)
        let trajectory = engine.rollout([])
        let classes = classNets.count
        var perClass = [[Double]](repeating: [Double](repeating: 0, count: steps), count: classes)
        var balanced = [Double](repeating: 0, count: steps), curriculum = balanced
        let none = [0.0]
        let workspaces = classNets.map { $0.makeWorkspace() }
        none.withUnsafeBufferPointer { g in
            trajectory.forEachState { i, w in
                for (c, cn) in classNets.enumerated() {
                    perClass[c][i] = cn.evaluate(step: i, state: w, control: g.baseAddress!, drift: nil, workspace: workspaces[c])
                }
            }
        }
        for i in 0..<steps {
            let pi = props[i / chunk], total = pi.reduce(0, +)
            for c in 0..<classes {
                balanced[i] += perClass[c][i] / Double(classes)
                curriculum[i] += perClass[c][i] * pi[c] / total
            }
        }
        return Losses(perClass: perClass, balanced: balanced, curriculum: curriculum)
    }

    func columns(_ theta: [Double]) -> [SeriesColumn] {
        let l = evaluate(theta)
        return [SeriesColumn(EngagementNames.balancedLoss, l.balanced), SeriesColumn(EngagementNames.curriculumLoss, l.curriculum)]
            + zip(problem.data.classNames, l.perClass).map { SeriesColumn(EngagementNames.classLosses.member($0), $1) }
    }
}

/// sum_c pi_c S_c: the expected moments of a batch holding a fraction pi_c of class c
/// (the fractions need not sum to one: a batch smaller than B also takes a smaller step).
func mixture(_ stats: [TaskStatistics], _ pi: [Double]) -> TaskStatistics {
    var out = stats[0]
    func combine(_ key: KeyPath<TaskStatistics, [Double]>) -> [Double] {
        var acc = [Double](repeating: 0, count: stats[0][keyPath: key].count)
        for (s, w) in zip(stats, pi) { for k in acc.indices { acc[k] += w * s[keyPath: key][k] } }
        return acc
    }
    out.sx = combine(\.sx); out.sxy = combine(\.sxy); out.sy = combine(\.sy)
    out.meanX = combine(\.meanX); out.meanY = combine(\.meanY)
    out.sampleCount = nil
    return out
}

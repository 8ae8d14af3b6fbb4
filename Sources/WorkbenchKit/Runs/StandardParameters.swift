/// The parameters every control experiment shares (the rows common to the paper's Tables 1-5),
/// declared once so plugins only list what is their own.
public struct StandardDefaults {
    public var steps: Int
    public var learningRate: Double
    public var gamma: Double = 0.99
    public var eta: Double = 1
    public var beta: Double
    public var controlRate: Double
    public var iterations: Int
    public var optimizer: OptimizerKind = .gradient
    public var lower: Double
    public var upper: Double
    public init(steps: Int, learningRate: Double, gamma: Double = 0.99, eta: Double = 1, beta: Double,
                controlRate: Double, iterations: Int, optimizer: OptimizerKind = .gradient,
                lower: Double, upper: Double) {
        self.steps = steps; self.learningRate = learningRate; self.gamma = gamma; self.eta = eta
        self.beta = beta; self.controlRate = controlRate; self.iterations = iterations
        self.optimizer = optimizer; self.lower = lower; self.upper = upper
    }
}

public enum StandardParameters {
    public static func specs(_ d: StandardDefaults) -> [ParameterSpec] {
        [
            .of(.steps, default: d.steps),
            .of(.learningRate, default: d.learningRate),
            .of(.gamma, default: d.gamma),
            .of(.eta, default: d.eta),
            .of(.beta, default: d.beta),
            .of(.controlRate, default: d.controlRate),
            .of(.iterations, default: d.iterations),
            .of(.optimizer, default: d.optimizer),
            .of(.lower, default: d.lower),
            .of(.upper, default: d.upper),
        ]
    }

    /// The optimizer settings, with the bounds applied to every control entry.
    public static func optimizer(_ p: ParameterValues) throws -> OptimizerSettings {
        let lo = p[.lower], hi = p[.upper]
        guard lo <= hi else { throw WorkbenchError("parameter 'lower' (\(lo)) must not exceed 'upper' (\(hi))") }
        return OptimizerSettings(kind: p[.optimizer], rate: p[.controlRate], iterations: p[.iterations], bounds: Bounds(lo, hi))
    }

    /// The engine of a run, within this process's memory budget (`MemoryBudget.current`): its
    /// trajectory is checkpointed when it does not fit whole, and a run that does not fit even so
    /// is refused before anything large is allocated, naming the parameters that set its size.
    public static func problem<D: LearningDynamics>(_ p: ParameterValues, dynamics: D, cost: any ControlCost,
                                                    map: ControlMap) throws -> Engine<D> {
        // The copies of the control the run's optimizer holds (all any optimizer may, if unknown).
        let copies = p.declared(.optimizer).map { $0.recipe(iterations: p[.iterations]).controlCopies } ?? MemoryPlan.controlCopies
        let problem = ControlProblem(dynamics: dynamics, steps: p[.steps], dt: p[.learningRate], gamma: p[.gamma],
                                     eta: p[.eta], cost: cost, map: map, controlCopies: copies)
        return try engine(problem, sizeParameters: sizeParameters(p))
    }

    /// `Engine(problem, budget:)` under this process's budget, a refusal worded as one line
    /// naming `sizeParameters` (e.g. "steps=10000000, hidden=50").
    public static func engine<D: LearningDynamics>(_ problem: ControlProblem<D>, sizeParameters: String) throws -> Engine<D> {
        do {
            return try Engine(problem, budget: try MemoryBudget.current())
        } catch let shortfall as MemoryShortfall {
            throw WorkbenchError(shortfall.message(parameters: sizeParameters))
        }
    }

    /// "steps=16000, hidden=50": the parameters (of those present) that set a run's memory.
    public static func sizeParameters(_ p: ParameterValues) -> String {
        [Parameter.steps, .hidden].compactMap { key in p.declared(key).map { "\(key.name)=\($0)" } }
            .joined(separator: ", ")
    }
}

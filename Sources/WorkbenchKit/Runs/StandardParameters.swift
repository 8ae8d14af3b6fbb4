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
            .integer("steps", d.steps, "Euler steps N (the paper's T, in iterations)", range: 1...10_000_000),
            .real("learning_rate", d.learningRate, "network learning rate alpha = Euler step dt", range: 1e-12...10),
            .real("gamma", d.gamma, "discount factor gamma per unit time t = i*dt", range: 1e-300...1),
            .real("eta", d.eta, "reward conversion eta", range: 0...1e6),
            .real("beta", d.beta, "control cost coefficient beta", range: 0...1e6),
            .real("control_lr", d.controlRate, "control learning rate alpha_g", range: 0...1e9),
            .integer("iterations", d.iterations, "control gradient updates K", range: 0...10_000_000),
            .choice("optimizer", d.optimizer.rawValue, OptimizerKind.allCases.map(\.rawValue),
                    "gradient = the paper's clamped ascent (eq. 3); adam = Adam (amsgrad)"),
            .real("lower", d.lower, "control lower bound"),
            .real("upper", d.upper, "control upper bound"),
        ]
    }

    /// The optimiser settings, with the bounds applied to every control entry.
    public static func optimizer(_ p: ParameterValues) throws -> OptimizerSettings {
        let lo = p.double("lower"), hi = p.double("upper")
        guard lo <= hi else { throw WorkbenchError("parameter 'lower' (\(lo)) must not exceed 'upper' (\(hi))") }
        return OptimizerSettings(kind: OptimizerKind(rawValue: p.string("optimizer"))!, rate: p.double("control_lr"),
                                 iterations: p.int("iterations"), bounds: Bounds(lo, hi))
    }

    /// The engine of a run, within this process's memory budget (`MemoryBudget.current`): its
    /// trajectory is checkpointed when it does not fit whole, and a run that does not fit even so
    /// is refused before anything large is allocated, naming the parameters that set its size.
    public static func problem<D: LearningDynamics>(_ p: ParameterValues, dynamics: D, cost: any ControlCost,
                                                    map: ControlMap) throws -> Engine<D> {
        // The copies of the control the run's optimiser holds (all any optimiser may, if unknown).
        var copies = MemoryPlan.controlCopies
        if case .text(let name)? = p.values["optimizer"], let kind = OptimizerKind(rawValue: name) {
            copies = MemoryPlan.controlCopies(for: kind)
        }
        let problem = ControlProblem(dynamics: dynamics, steps: p.int("steps"), dt: p.double("learning_rate"),
                                     gamma: p.double("gamma"), eta: p.double("eta"), cost: cost, map: map,
                                     controlCopies: copies)
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
        ["steps", "hidden"].compactMap { name in
            if case .integer(let v)? = p.values[name] { return "\(name)=\(v)" }
            return nil
        }.joined(separator: ", ")
    }
}

import Foundation

/// How the optimized parameters theta become the engine's inputs.
public enum ControlMap {
    /// theta holds g_0 ... g_{N-1} (steps x controlCount); the initial state w_0 is fixed.
    case perStep(initialState: [Double])
    /// theta is the initial state of one network, repeated `copies` times into w_0 (one copy per
    /// task, as in MAML); the per-step controls are fixed (steps x controlCount, may be empty).
    case initialState(copies: Int, controls: [Double])
}

/// The problem an experiment hands to the engine.
public struct ControlProblem<D: LearningDynamics> {
    public var dynamics: D
    public var steps: Int
    /// Euler step = the network's learning rate (t_i = i * dt).
    public var dt: Double
    public var gamma: Double
    public var eta: Double
    public var cost: any ControlCost
    public var map: ControlMap
    /// Copies of the control vector the run holds besides the engine, for its memory plan
    /// (`Recipe.controlCopies` of its optimizer; default: the most any optimizer holds).
    public var controlCopies: Int

    public init(dynamics: D, steps: Int, dt: Double, gamma: Double, eta: Double,
                cost: any ControlCost, map: ControlMap, controlCopies: Int = MemoryPlan.controlCopies) {
        self.dynamics = dynamics; self.steps = steps; self.dt = dt; self.gamma = gamma
        self.eta = eta; self.cost = cost; self.map = map; self.controlCopies = controlCopies
    }
}

/// What the optimizer and the runner need from an engine, independent of the model type.
public protocol ValueEngine: Objective {
    var parameterCount: Int { get }
    var steps: Int { get }
    var stateCount: Int { get }
    var controlCount: Int { get }
    var dt: Double { get }
    /// The bytes this engine's run needs and how it keeps the trajectory.
    var memoryPlan: MemoryPlan { get }
    /// Switches how the trajectory is kept (the buffers are reallocated; the last trajectory is lost).
    func useTrajectoryStorage(_ storage: TrajectoryStorage)
    /// The storage with the smallest footprint (checkpoints every ~sqrt(N) steps).
    var leanestStorage: TrajectoryStorage { get }
    /// L_i and C_i of the last evaluation, whatever it was: only to say where a rollout that is not
    /// finite went wrong. Everything else reads a `Trajectory`.
    var losses: [Double] { get }
    var costs: [Double] { get }
    var eta: Double { get }
    /// One rollout under theta, as a value (V, losses, costs, controls, states on demand).
    func rollout(_ theta: [Double]) -> Trajectory
    /// The last evaluation as a value, without rolling out again. Only for a caller that knows its
    /// last `value` or `valueAndGradient` call was of `theta` (not `ascend`, which moves theta after
    /// its rollout): the optimizer, for the control it returns.
    func lastRollout(of theta: [Double]) -> Trajectory
    func value(_ theta: [Double]) -> Double
    /// Per entry of theta, 1 / gamma^(t_i) of its step: the scale at which V's discount shrinks that
    /// entry's gradient and curvature alike (nil where theta is not per-step controls).
    var discountMetric: [Double]? { get }
}

public extension ValueEngine {
    var discountMetric: [Double]? { nil }
}

/// Forward Euler rollout and the exact adjoint of the discrete recursion:
///
///   V = sum_i dt gamma^(t_i) (-eta L_i - C(g_i)),   w_{i+1} = w_i + dt f(w_i, g_i)
///   lambda_N = 0;  for i = N-1 ... 0:
///     dV/dg_i  = dt gamma^(t_i) (-eta dL/dg_i - dC/dg_i) + dt (df/dg_i)^T lambda_{i+1}
///     lambda_i = lambda_{i+1} + dt (df/dw_i)^T lambda_{i+1} - dt gamma^(t_i) eta dL/dw_i
///
/// dV/dw_0 = lambda_0. This is what autograd would compute, without its memory or overhead.
/// All buffers are allocated once; the time loops allocate nothing.
///
/// Memory: the engine works out the bytes a run needs (`MemoryPlan`) before it allocates. When
/// the whole trajectory does not fit in the budget it keeps every k-th state and recomputes each
/// segment forward during the backward sweep: the same operations on the same numbers, so the
/// gradient is bit-identical, at the price of one more forward pass.
public final class Engine<D: LearningDynamics>: ValueEngine {
    public let problem: ControlProblem<D>
    public let steps: Int
    public let stateCount: Int
    public let controlCount: Int
    public let parameterCount: Int
    public var dt: Double { problem.dt }
    public var eta: Double { problem.eta }

    public private(set) var memoryPlan: MemoryPlan
    private let shape: MemoryPlan.Shape
    /// Steps per segment: all of them when stored, k when checkpointed.
    private var segment: Int
    private var checkpointing: Bool { segment < steps }
    /// States of the current segment (segment x stateCount): the whole trajectory when stored.
    private var trajectory: EngineBuffer
    /// w_0, w_k, w_2k, ... when checkpointing (empty otherwise).
    private var checkpoints: EngineBuffer
    /// The whole trajectory of the last evaluation when it is stored (empty when checkpointed);
    /// runs read states through `rollout(_:)`'s `Trajectory`.
    public var states: [Double] { checkpointing ? [] : trajectory.array }
    /// w_{N-1} of the last evaluation (the segment buffer may have moved on when checkpointing).
    private let finalState: EngineBuffer
    private var lastValue = Double.nan
    /// Counts the evaluations and storage changes, so a trajectory knows whether the stored
    /// buffer still holds its states.
    private var generation = 0
    public private(set) var losses: [Double]
    public private(set) var costs: [Double]
    /// dt * gamma^(i dt), the weight of step i in V.
    private let stepWeight: [Double]

    /// Capped at 1e300: beyond T |ln gamma| ~ 690 the weight underflows, and an entry whose step no
    /// longer counts in V (gradient 0) must not meet an infinite metric (0 x inf = NaN).
    public var discountMetric: [Double]? {
        guard case .perStep = problem.map, controlCount > 0 else { return nil }
        let dt = problem.dt, m = controlCount
        return (0..<parameterCount).map { min(dt / stepWeight[$0 / m], 1e300) }
    }
    private let workspace: D.Workspace
    private let drift: EngineBuffer
    private let lambda: EngineBuffer
    private let lambdaNext: EngineBuffer
    private let driftAdjoint: EngineBuffer
    private let controlGradient: EngineBuffer   // one step's dV/dg when the map is not per-step
    private let fixedControls: [Double]
    private let fixedControlBuffer: EngineBuffer
    private let initialState: EngineBuffer
    /// The model's per-step tape (segment x tapeCount): written by the forward sweep, read by the adjoint.
    private let tapeCount: Int
    private var tape: EngineBuffer

    /// An engine that keeps the whole trajectory whatever its size: for problems built in code
    /// (tests, small evaluations). Runs use `init(_:budget:)`.
    public convenience init(_ problem: ControlProblem<D>) {
        self.init(problem, storage: .stored)
    }

    /// An engine within `budget`: the whole trajectory when it fits, else checkpointed; throws
    /// `MemoryShortfall` (before allocating anything large) when not even that fits.
    public convenience init(_ problem: ControlProblem<D>, budget: MemoryBudget) throws {
        let shape = Engine.shape(of: problem)
        let (plan, fits) = MemoryPlan.choose(shape, budget: budget)
        guard fits else { throw MemoryShortfall(shape: shape, plan: plan, budget: budget) }
        self.init(problem, storage: plan.storage)
    }

    /// An engine for an auxiliary evaluation inside a run: the whole trajectory when it fits in
    /// `budget`, else the smallest checkpointed footprint (never refused).
    public convenience init(_ problem: ControlProblem<D>, leanestWithin budget: MemoryBudget) {
        self.init(problem, storage: MemoryPlan.choose(Engine.shape(of: problem), budget: budget).plan.storage)
    }

    static func shape(of problem: ControlProblem<D>) -> MemoryPlan.Shape {
        let n = problem.dynamics.stateCount, m = problem.dynamics.controlCount
        let parameters: Int, fixed: Int
        switch problem.map {
        case .perStep: parameters = bytesProduct(problem.steps, m); fixed = 0
        case .initialState(let copies, let controls): parameters = n / max(copies, 1); fixed = controls.count
        }
        return MemoryPlan.Shape(steps: problem.steps, stateCount: n, controlCount: m,
                                tapeCount: problem.dynamics.tapeCount, parameterCount: parameters,
                                fixedControlCount: fixed, controlCopies: problem.controlCopies)
    }

    /// An engine keeping its trajectory as `storage` says (a segment is clipped to 1...steps).
    public init(_ problem: ControlProblem<D>, storage: TrajectoryStorage) {
        precondition(problem.steps >= 1, "Engine needs at least one step")
        self.problem = problem
        steps = problem.steps
        stateCount = problem.dynamics.stateCount
        controlCount = problem.dynamics.controlCount
        switch problem.map {
        case .perStep(let w0):
            precondition(w0.count == stateCount, "initial state has \(w0.count) entries, model expects \(stateCount)")
            parameterCount = steps * controlCount
            initialState = EngineBuffer(w0)
            fixedControls = []
        case .initialState(let copies, let controls):
            precondition(copies >= 1 && stateCount % copies == 0, "state does not split into \(copies) copies")
            precondition(controls.count == steps * controlCount, "fixed controls have the wrong size")
            parameterCount = stateCount / copies
            initialState = EngineBuffer(count: stateCount)
            fixedControls = controls
        }
        shape = Engine.shape(of: problem)
        memoryPlan = MemoryPlan.forced(shape, .stored)
        segment = steps
        fixedControlBuffer = EngineBuffer(fixedControls)
        trajectory = EngineBuffer(count: 0)
        checkpoints = EngineBuffer(count: 0)
        losses = [Double](repeating: 0, count: steps)
        costs = [Double](repeating: 0, count: steps)
        let logGamma = log(problem.gamma)
        stepWeight = (0..<steps).map { problem.dt * exp(Double($0) * problem.dt * logGamma) }
        workspace = problem.dynamics.makeWorkspace()
        drift = EngineBuffer(count: stateCount)
        lambda = EngineBuffer(count: stateCount); lambdaNext = EngineBuffer(count: stateCount)
        driftAdjoint = EngineBuffer(count: stateCount)
        finalState = EngineBuffer(count: stateCount)
        controlGradient = EngineBuffer(count: max(controlCount, 1))
        tapeCount = problem.dynamics.tapeCount
        tape = EngineBuffer(count: 0)
        useTrajectoryStorage(storage)
    }

    public var leanestStorage: TrajectoryStorage {
        let k = MemoryPlan.smallestSegment(shape)
        return k >= steps ? .stored : .checkpointed(segment: k)
    }

    public func useTrajectoryStorage(_ storage: TrajectoryStorage) {
        let k: Int
        switch storage {
        case .stored: k = steps
        case .checkpointed(let requested): k = min(max(requested, 1), steps)
        }
        let resolved: TrajectoryStorage = k == steps ? .stored : .checkpointed(segment: k)
        memoryPlan = MemoryPlan.forced(shape, resolved)
        segment = k
        generation += 1
        // Free the old buffers before allocating the new ones.
        trajectory = EngineBuffer(count: 0); tape = EngineBuffer(count: 0); checkpoints = EngineBuffer(count: 0)
        trajectory = EngineBuffer(count: k * stateCount)
        tape = EngineBuffer(count: max(k * tapeCount, 1))
        checkpoints = EngineBuffer(count: k == steps ? 0 : ((steps + k - 1) / k) * stateCount)
    }

    public func value(_ theta: [Double]) -> Double {
        forward(theta)
    }

    public func valueAndGradient(_ theta: [Double], gradient: inout [Double]) -> Double {
        let v = forward(theta)
        if gradient.count != parameterCount {
            gradient = [Double](repeating: 0, count: parameterCount)
        }
        theta.withUnsafeBufferPointer { th in
            gradient.withUnsafeMutableBufferPointer { grad in
                backward(UnsafeMutablePointer(mutating: th.baseAddress!), output: .gradient(grad.baseAddress!))
            }
        }
        return v
    }

    public func ascend(_ theta: inout [Double], rate: Double, bounds: Bounds) -> Double {
        guard case .perStep = problem.map, controlCount > 0 else { return ascendInTwoPasses(&theta, rate: rate, bounds: bounds) }
        let v = forward(theta)
        theta.withUnsafeMutableBufferPointer { th in
            backward(th.baseAddress!, output: .ascent(rate: rate, bounds: bounds))
        }
        return v
    }

    // MARK: - Forward

    /// The rollout; `visit` sees each state w_i before step i is evaluated.
    @discardableResult
    private func forward(_ theta: [Double], visit: ((Int, UnsafePointer<Double>) -> Void)? = nil) -> Double {
        precondition(theta.count == parameterCount, "control has \(theta.count) entries, expected \(parameterCount)")
        generation += 1
        let n = stateCount, m = controlCount, dt = problem.dt, eta = problem.eta, k = segment
        let dynamics = problem.dynamics, cost = problem.cost
        let perStep: Bool
        switch problem.map {
        case .perStep: perStep = true
        case .initialState(let copies, _):
            perStep = false
            let block = n / copies
            for c in 0..<copies { for j in 0..<block { initialState.base[c * block + j] = theta[j] } }
        }
        let saveCheckpoints = checkpointing
        var total = 0.0
        let s = trajectory.base, d = drift.base, tapeBase = tape.base, tn = tapeCount, cp = checkpoints.base
        s.update(from: initialState.base, count: n)
        theta.withUnsafeBufferPointer { th in
            // A model without controls reads its (absent) control from here.
            let gBase: UnsafePointer<Double> = m == 0 ? UnsafePointer(controlGradient.base)
                : (perStep ? th.baseAddress! : UnsafePointer(fixedControlBuffer.base))
            // Step i's state sits in slot i of the segment buffer (slot = i when stored).
            var slot = 0
            for i in 0..<steps {
                let w = s + slot * n
                if saveCheckpoints && slot == 0 { (cp + (i / k) * n).update(from: w, count: n) }
                visit?(i, w)
                let g = m == 0 ? gBase : gBase + i * m
                let last = i == steps - 1
                let loss = dynamics.evaluate(step: i, state: w, control: g, drift: last ? nil : d,
                                             tape: tapeBase + slot * tn, workspace: workspace)
                let c = m == 0 ? 0 : cost.cost(g, count: m, step: i)
                losses[i] = loss
                costs[i] = c
                total += stepWeight[i] * (-eta * loss - c)
                if !last {
                    slot += 1
                    if slot == k { slot = 0 }
                    let next = s + slot * n
                    for j in 0..<n { next[j] = w[j] + dt * d[j] }
                } else {
                    finalState.base.update(from: w, count: n)
                }
            }
        }
        lastValue = total
        return total
    }

    /// Recomputes the states (and tape) of steps start..<end into the segment buffer from the
    /// checkpoint of `start`, with exactly the forward sweep's operations.
    private func replaySegment(start: Int, end: Int, controls gBase: UnsafePointer<Double>) {
        let n = stateCount, m = controlCount, dt = problem.dt, dynamics = problem.dynamics
        let s = trajectory.base, d = drift.base, tapeBase = tape.base, tn = tapeCount
        s.update(from: checkpoints.base + (start / segment) * n, count: n)
        for i in start..<end {
            let slot = i - start
            let w = s + slot * n
            let g = m == 0 ? gBase : gBase + i * m
            let needsNext = i + 1 < end
            _ = dynamics.evaluate(step: i, state: w, control: g, drift: needsNext ? d : nil,
                                  tape: tapeBase + slot * tn, workspace: workspace)
            if needsNext {
                let next = w + n
                for j in 0..<n { next[j] = w[j] + dt * d[j] }
            }
        }
    }

    public func rollout(_ theta: [Double]) -> Trajectory {
        forward(theta)
        return lastRollout(of: theta)
    }

    public func lastRollout(of theta: [Double]) -> Trajectory {
        Trajectory(control: theta, value: lastValue, losses: losses, costs: costs, controls: controls(of: theta),
                   stateCount: stateCount, controlCount: controlCount, dt: dt, eta: eta,
                   initialState: initialState.array, finalState: finalState.array, storage: memoryPlan.storage,
                   states: States(engine: self, generation: generation))
    }

    /// A trajectory's states: the stored buffer while it still holds that rollout, else the
    /// rollout again (which checkpoints as this engine does).
    struct States: StateSource {
        let engine: Engine
        let generation: Int
        func forEachState(of theta: [Double], _ body: (Int, UnsafePointer<Double>) -> Void) {
            engine.visitStates(of: theta, generation: generation, body)
        }
    }

    private func visitStates(of theta: [Double], generation rolledOut: Int, _ body: (Int, UnsafePointer<Double>) -> Void) {
        if rolledOut == generation && !checkpointing {
            let n = stateCount
            for i in 0..<steps { body(i, trajectory.base + i * n) }
            return
        }
        withoutActuallyEscaping(body) { visit in _ = forward(theta, visit: visit) }
    }

    /// The per-step controls the sweeps read: theta for per-step maps, the fixed ones otherwise.
    private func controls(of theta: [Double]) -> [Double] {
        switch problem.map {
        case .perStep: return theta
        case .initialState: return fixedControls
        }
    }

    // MARK: - Backward (discrete adjoint)

    /// Where dV/dtheta goes: into a gradient array, or straight into an ascent step on theta.
    private enum AdjointOutput {
        case gradient(UnsafeMutablePointer<Double>)
        case ascent(rate: Double, bounds: Bounds)
    }

    /// The adjoint sweep, right after `forward` of the same theta. `theta` is only written in
    /// ascent mode (per-step controls). When checkpointing, segments are swept last to first, each
    /// recomputed from its checkpoint first, except the last, which the forward sweep left in the
    /// buffer. Step i's control is updated (ascent) only after step i's pullback, and a segment is
    /// recomputed before any of its steps is updated, so recomputation sees the forward's controls.
    private func backward(_ theta: UnsafeMutablePointer<Double>, output: AdjointOutput) {
        let n = stateCount, m = controlCount, dt = problem.dt, eta = problem.eta, k = segment
        let dynamics = problem.dynamics, cost = problem.cost
        let perStep: Bool
        if case .perStep = problem.map { perStep = true } else { perStep = false }
        let gradientOut: UnsafeMutablePointer<Double>?
        var ascent: (rate: Double, bounds: Bounds)? = nil
        switch output {
        case .gradient(let g): gradientOut = g
        case .ascent(let rate, let bounds): gradientOut = nil; ascent = (rate, bounds)
        }
        let lastSegmentStart = ((steps - 1) / k) * k
        var lamN = lambdaNext.base, lamI = lambda.base
        let a = driftAdjoint.base, cg = controlGradient.base
        lamN.update(repeating: 0, count: n)
        // A model without controls reads and writes its (absent) control gradient here.
        let gBase: UnsafePointer<Double> = m == 0 ? UnsafePointer(cg)
            : (perStep ? UnsafePointer(theta) : UnsafePointer(fixedControlBuffer.base))
        let s = trajectory.base, tapeBase = tape.base, tn = tapeCount
        for start in stride(from: lastSegmentStart, through: 0, by: -k) {
            let end = min(start + k, steps)
            if start != lastSegmentStart { replaySegment(start: start, end: end, controls: gBase) }
            for i in stride(from: end - 1, through: start, by: -1) {
                let slot = i - start
                let w = s + slot * n
                let g = m == 0 ? gBase : gBase + i * m
                let last = i == steps - 1
                // dV/dg_i starts with the cost term; the model adds the rest.
                let gOut: UnsafeMutablePointer<Double> = m == 0 ? cg
                    : (perStep && gradientOut != nil ? gradientOut! + i * m : cg)
                if m > 0 { cost.writeGradient(g, count: m, step: i, scale: -stepWeight[i], into: gOut) }
                // lambda_i = lambda_{i+1} + (df/dw)^T (dt lambda_{i+1}) - dt gamma^t eta dL/dw
                lamI.update(from: lamN, count: n)
                if !last { for j in 0..<n { a[j] = dt * lamN[j] } }
                dynamics.pullback(step: i, state: w, control: g,
                                  driftAdjoint: last ? nil : UnsafePointer(a),
                                  lossWeight: -stepWeight[i] * eta,
                                  stateBar: lamI, controlBar: gOut, tape: tapeBase + slot * tn,
                                  workspace: workspace)
                // Step i's control is not needed again in this sweep: update it in place.
                if perStep, m > 0, let (rate, bounds) = ascent {
                    let gi = theta + i * m
                    for j in 0..<m { gi[j] += rate * gOut[j] }
                    bounds.clamp(gi, count: m, offset: i * m)
                }
                swap(&lamI, &lamN)
            }
        }
        // lamN now holds lambda_0 = dV/dw_0.
        if case .initialState(let copies, _) = problem.map, let grad = gradientOut {
            let block = n / copies
            grad.update(repeating: 0, count: block)
            for c in 0..<copies { for j in 0..<block { grad[j] += lamN[c * block + j] } }
        }
        if lamN != lambdaNext.base { lambdaNext.base.update(from: lamN, count: n) }
    }

    /// dV/dw_0 of the last gradient evaluation.
    public var initialStateGradient: [Double] { lambdaNext.array }
}

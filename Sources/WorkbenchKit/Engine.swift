import Foundation

/// How the optimised parameters theta become the engine's inputs.
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

    public init(dynamics: D, steps: Int, dt: Double, gamma: Double, eta: Double,
                cost: any ControlCost, map: ControlMap) {
        self.dynamics = dynamics; self.steps = steps; self.dt = dt; self.gamma = gamma
        self.eta = eta; self.cost = cost; self.map = map
    }
}

/// What the optimiser and the result writer need from an engine, independent of the model type.
public protocol ValueEngine: AnyObject {
    var parameterCount: Int { get }
    var steps: Int { get }
    var stateCount: Int { get }
    var controlCount: Int { get }
    var dt: Double { get }
    /// The trajectory of the last evaluation: w_0 ... w_{N-1} (steps x stateCount).
    var states: [Double] { get }
    /// L_i and C_i of the last evaluation.
    var losses: [Double] { get }
    var costs: [Double] { get }
    var eta: Double { get }
    /// The per-step controls of the last evaluation (steps x controlCount).
    func controls(of theta: [Double]) -> [Double]
    func value(_ theta: [Double]) -> Double
    func valueAndGradient(_ theta: [Double], gradient: inout [Double]) -> Double
    /// One step of the paper's clamped gradient ascent, theta <- clamp(theta + rate dV/dtheta);
    /// returns V before the step. Fused into the adjoint sweep for per-step controls, so the
    /// gradient never travels through memory as a separate array.
    func ascend(_ theta: inout [Double], rate: Double, bounds: Bounds) -> Double
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
public final class Engine<D: LearningDynamics>: ValueEngine {
    public let problem: ControlProblem<D>
    public let steps: Int
    public let stateCount: Int
    public let controlCount: Int
    public let parameterCount: Int
    public var dt: Double { problem.dt }
    public var eta: Double { problem.eta }

    public private(set) var states: [Double]
    public private(set) var losses: [Double]
    public private(set) var costs: [Double]
    /// dt * gamma^(i dt), the weight of step i in V.
    private let stepWeight: [Double]
    private let workspace: D.Workspace
    private var drift: [Double]
    private var lambda: [Double]
    private var lambdaNext: [Double]
    private var driftAdjoint: [Double]
    private var controlGradient: [Double]   // one step's dV/dg when the map is not per-step
    private var fixedControls: [Double]
    private var initialState: [Double]
    /// The model's per-step tape (steps x tapeCount): written by the forward sweep, read by the adjoint.
    private let tapeCount: Int
    private var tape: [Double]

    public init(_ problem: ControlProblem<D>) {
        precondition(problem.steps >= 1, "Engine needs at least one step")
        self.problem = problem
        steps = problem.steps
        stateCount = problem.dynamics.stateCount
        controlCount = problem.dynamics.controlCount
        switch problem.map {
        case .perStep(let w0):
            precondition(w0.count == stateCount, "initial state has \(w0.count) entries, model expects \(stateCount)")
            parameterCount = steps * controlCount
            initialState = w0
            fixedControls = []
        case .initialState(let copies, let controls):
            precondition(copies >= 1 && stateCount % copies == 0, "state does not split into \(copies) copies")
            precondition(controls.count == steps * controlCount, "fixed controls have the wrong size")
            parameterCount = stateCount / copies
            initialState = [Double](repeating: 0, count: stateCount)
            fixedControls = controls
        }
        states = [Double](repeating: 0, count: steps * stateCount)
        losses = [Double](repeating: 0, count: steps)
        costs = [Double](repeating: 0, count: steps)
        let logGamma = log(problem.gamma)
        stepWeight = (0..<steps).map { problem.dt * exp(Double($0) * problem.dt * logGamma) }
        workspace = problem.dynamics.makeWorkspace()
        drift = [Double](repeating: 0, count: stateCount)
        lambda = drift; lambdaNext = drift; driftAdjoint = drift
        controlGradient = [Double](repeating: 0, count: max(controlCount, 1))
        tapeCount = problem.dynamics.tapeCount
        tape = [Double](repeating: 0, count: max(steps * tapeCount, 1))
    }

    public func controls(of theta: [Double]) -> [Double] {
        switch problem.map {
        case .perStep: return theta
        case .initialState: return fixedControls
        }
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
        guard case .perStep = problem.map, controlCount > 0 else {
            var gradient = [Double](repeating: 0, count: parameterCount)
            let v = valueAndGradient(theta, gradient: &gradient)
            for k in theta.indices { theta[k] += rate * gradient[k] }
            bounds.clamp(&theta)
            return v
        }
        let v = forward(theta)
        theta.withUnsafeMutableBufferPointer { th in
            backward(th.baseAddress!, output: .ascent(rate: rate, bounds: bounds))
        }
        return v
    }

    // MARK: - Forward

    @discardableResult
    private func forward(_ theta: [Double]) -> Double {
        precondition(theta.count == parameterCount, "control has \(theta.count) entries, expected \(parameterCount)")
        let n = stateCount, m = controlCount, dt = problem.dt, eta = problem.eta
        let dynamics = problem.dynamics, cost = problem.cost
        let perStep: Bool
        switch problem.map {
        case .perStep: perStep = true
        case .initialState(let copies, _):
            perStep = false
            let block = n / copies
            for c in 0..<copies { for k in 0..<block { initialState[c * block + k] = theta[k] } }
        }
        var total = 0.0
        theta.withUnsafeBufferPointer { th in
        fixedControls.withUnsafeBufferPointer { fixed in
        states.withUnsafeMutableBufferPointer { st in
        drift.withUnsafeMutableBufferPointer { dr in
        tape.withUnsafeMutableBufferPointer { tp in
        initialState.withUnsafeBufferPointer { w0 in
            let s = st.baseAddress!, d = dr.baseAddress!, tapeBase = tp.baseAddress!, tn = tapeCount
            s.update(from: w0.baseAddress!, count: n)
            var dummy = 0.0
            withUnsafeMutablePointer(to: &dummy) { dummyPtr in
                let gBase: UnsafePointer<Double> = m == 0 ? UnsafePointer(dummyPtr)
                    : (perStep ? th.baseAddress! : fixed.baseAddress!)
                for i in 0..<steps {
                    let w = s + i * n
                    let g = m == 0 ? gBase : gBase + i * m
                    let last = i == steps - 1
                    let loss = dynamics.evaluate(step: i, state: w, control: g, drift: last ? nil : d,
                                                 tape: tapeBase + i * tn, workspace: workspace)
                    let c = m == 0 ? 0 : cost.cost(g, count: m, step: i)
                    losses[i] = loss
                    costs[i] = c
                    total += stepWeight[i] * (-eta * loss - c)
                    if !last {
                        let next = s + (i + 1) * n
                        for k in 0..<n { next[k] = w[k] + dt * d[k] }
                    }
                }
            }
        }}}}}}
        return total
    }

    // MARK: - Backward (discrete adjoint)

    /// Where dV/dtheta goes: into a gradient array, or straight into an ascent step on theta.
    private enum AdjointOutput {
        case gradient(UnsafeMutablePointer<Double>)
        case ascent(rate: Double, bounds: Bounds)
    }

    /// The adjoint sweep. `theta` is only written in ascent mode (per-step controls).
    private func backward(_ theta: UnsafeMutablePointer<Double>, output: AdjointOutput) {
        let n = stateCount, m = controlCount, dt = problem.dt, eta = problem.eta
        let dynamics = problem.dynamics, cost = problem.cost
        let perStep: Bool
        if case .perStep = problem.map { perStep = true } else { perStep = false }
        let gradientOut: UnsafeMutablePointer<Double>?
        var ascent: (rate: Double, bounds: Bounds)? = nil
        switch output {
        case .gradient(let g): gradientOut = g
        case .ascent(let rate, let bounds): gradientOut = nil; ascent = (rate, bounds)
        }
        fixedControls.withUnsafeBufferPointer { fixed in
        states.withUnsafeBufferPointer { st in
        tape.withUnsafeBufferPointer { tp in
        lambda.withUnsafeMutableBufferPointer { lam in
        lambdaNext.withUnsafeMutableBufferPointer { lamNext in
        driftAdjoint.withUnsafeMutableBufferPointer { adj in
        controlGradient.withUnsafeMutableBufferPointer { cg in
            let s = st.baseAddress!, tapeBase = tp.baseAddress!, tn = tapeCount
            var lamN = lamNext.baseAddress!, lamI = lam.baseAddress!
            let a = adj.baseAddress!
            lamN.update(repeating: 0, count: n)
            var dummy = 0.0
            withUnsafeMutablePointer(to: &dummy) { dummyPtr in
                let gBase: UnsafePointer<Double> = m == 0 ? UnsafePointer(dummyPtr)
                    : (perStep ? UnsafePointer(theta) : fixed.baseAddress!)
                for i in stride(from: steps - 1, through: 0, by: -1) {
                    let w = s + i * n
                    let g = m == 0 ? gBase : gBase + i * m
                    let last = i == steps - 1
                    // dV/dg_i starts with the cost term; the model adds the rest.
                    let gOut: UnsafeMutablePointer<Double> = m == 0 ? dummyPtr
                        : (perStep && gradientOut != nil ? gradientOut! + i * m : cg.baseAddress!)
                    if m > 0 { cost.writeGradient(g, count: m, step: i, scale: -stepWeight[i], into: gOut) }
                    // lambda_i = lambda_{i+1} + (df/dw)^T (dt lambda_{i+1}) - dt gamma^t eta dL/dw
                    lamI.update(from: lamN, count: n)
                    if !last { for k in 0..<n { a[k] = dt * lamN[k] } }
                    dynamics.pullback(step: i, state: w, control: g,
                                      driftAdjoint: last ? nil : UnsafePointer(a),
                                      lossWeight: -stepWeight[i] * eta,
                                      stateBar: lamI, controlBar: gOut, tape: tapeBase + i * tn,
                                      workspace: workspace)
                    // Step i's control is not needed again in this sweep: update it in place.
                    if perStep, m > 0, let (rate, bounds) = ascent {
                        let gi = theta + i * m
                        for k in 0..<m { gi[k] += rate * gOut[k] }
                        bounds.clamp(gi, count: m, offset: i * m)
                    }
                    swap(&lamI, &lamN)
                }
            }
            // lamN now holds lambda_0 = dV/dw_0.
            if case .initialState(let copies, _) = problem.map, let grad = gradientOut {
                let block = n / copies
                grad.update(repeating: 0, count: block)
                for c in 0..<copies { for k in 0..<block { grad[k] += lamN[c * block + k] } }
            }
            if lamN != lamNext.baseAddress! { lamNext.baseAddress!.update(from: lamN, count: n) }
        }}}}}}}
    }

    /// dV/dw_0 of the last gradient evaluation.
    public var initialStateGradient: [Double] { lambdaNext }
}

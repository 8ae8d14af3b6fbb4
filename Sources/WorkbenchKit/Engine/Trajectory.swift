/// One rollout of an engine under the control theta, as a value: V, the per-step losses and costs,
/// the per-step controls, the first and last states, and every state on demand (`forEachState`).
/// Columns and results are computed from trajectories, never from whatever an engine evaluated last.
///
/// Memory: a trajectory holds no states but its ends. `forEachState` reads the engine's stored
/// trajectory while the engine still holds this rollout, and otherwise rolls the engine forward
/// again from w_0 (checkpointing as the engine does): the same operations on the same numbers.
public struct Trajectory {
    /// The optimized parameters theta this rollout is of.
    public let control: [Double]
    /// V = sum_i dt gamma^(t_i) (-eta L_i - C_i).
    public let value: Double
    /// L_i and C_i, i = 0 ... N-1.
    public let losses: [Double]
    public let costs: [Double]
    /// The per-step controls g_i (steps x controlCount): theta itself for per-step maps.
    public let controls: [Double]
    public let stateCount: Int
    public let controlCount: Int
    public let dt: Double
    public let eta: Double
    /// w_0 and w_{N-1}.
    public let initialState: [Double]
    public let finalState: [Double]
    /// How the engine kept the trajectory when it rolled it out (checkpointed: states are recomputed).
    public let storage: TrajectoryStorage
    let states: StateSource

    public var steps: Int { losses.count }

    /// -eta L_i - C_i: each step's reward before the discount.
    public var rewards: [Double] { (0..<steps).map { -eta * losses[$0] - costs[$0] } }

    /// Calls `body(i, w_i)` for i = 0 ... N-1 in order. The states live in the engine's buffers:
    /// `body` must not visit another trajectory of the same engine (one pass after the other is fine).
    public func forEachState(_ body: (Int, UnsafePointer<Double>) -> Void) {
        states.forEachState(of: control, body)
    }

    public init(control: [Double], value: Double, losses: [Double], costs: [Double], controls: [Double],
                stateCount: Int, controlCount: Int, dt: Double, eta: Double, initialState: [Double],
                finalState: [Double], storage: TrajectoryStorage, states: StateSource) {
        precondition(costs.count == losses.count && controls.count == losses.count * controlCount
                     && initialState.count == stateCount && finalState.count == stateCount,
                     "trajectory parts disagree in size")
        self.control = control; self.value = value; self.losses = losses; self.costs = costs
        self.controls = controls; self.stateCount = stateCount; self.controlCount = controlCount
        self.dt = dt; self.eta = eta; self.initialState = initialState; self.finalState = finalState
        self.storage = storage; self.states = states
    }
}

/// Where a trajectory's states come from when asked for: its engine (or, for engines written in
/// tests, anything that can visit the states of a control in order).
public protocol StateSource {
    func forEachState(of theta: [Double], _ body: (Int, UnsafePointer<Double>) -> Void)
}

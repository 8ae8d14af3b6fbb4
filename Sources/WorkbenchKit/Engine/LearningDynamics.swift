/// Learning dynamics on a flat state vector w (e.g. the weights of a network), driven by a
/// per-step control g. A plugin implements this: the vector field f(w, g), the instantaneous
/// loss L(w, g), and their vector-Jacobian products. The engine does everything else.
///
/// Both methods get the step index so a model may depend on time (e.g. a task switch), and a
/// workspace created once per engine, so evaluations allocate nothing.
///
/// Optional tape: a model whose pullback recomputes expensive intermediates of `evaluate` can
/// ask for `tapeCount` doubles per step and implement the two `tape:` variants; the engine gives
/// step i's evaluate a slot to write and the same slot, unchanged, to step i's pullback. The
/// defaults (no tape) forward to the plain methods, so most models ignore this.
public protocol LearningDynamics {
    /// `NoWorkspace` (the default) for a model that keeps nothing between calls.
    associatedtype Workspace: AnyObject = NoWorkspace

    /// Size of the state w.
    var stateCount: Int { get }
    /// Size of the control g at one time step (0 when the control is not per-step).
    var controlCount: Int { get }
    /// Doubles per step kept from `evaluate` for `pullback` (0 = no tape).
    var tapeCount: Int { get }

    func makeWorkspace() -> Workspace

    /// Returns L(w_i, g_i) and, when `drift` is non-nil, writes f(w_i, g_i) into it.
    func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                  drift: UnsafeMutablePointer<Double>?, workspace: Workspace) -> Double

    /// Accumulates the vector-Jacobian products at (w_i, g_i):
    ///   stateBar   += (df/dw)^T a + lossWeight * dL/dw
    ///   controlBar += (df/dg)^T a + lossWeight * dL/dg
    /// `a` is nil when only the loss term is needed (the last step).
    func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                  driftAdjoint a: UnsafePointer<Double>?, lossWeight: Double,
                  stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                  workspace: Workspace)

    /// `evaluate`, also writing `tapeCount` doubles for this step's pullback into `tape`.
    func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                  drift: UnsafeMutablePointer<Double>?, tape: UnsafeMutablePointer<Double>,
                  workspace: Workspace) -> Double

    /// `pullback`, reading what this step's `evaluate` wrote into `tape` (same state and control).
    func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                  driftAdjoint a: UnsafePointer<Double>?, lossWeight: Double,
                  stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                  tape: UnsafePointer<Double>, workspace: Workspace)
}

/// The workspace of a model that keeps no scratch memory between calls.
public final class NoWorkspace {
    public init() {}
}

extension LearningDynamics where Workspace == NoWorkspace {
    public func makeWorkspace() -> NoWorkspace { NoWorkspace() }
}

extension LearningDynamics {
    public var tapeCount: Int { 0 }

    public func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         drift: UnsafeMutablePointer<Double>?, tape: UnsafeMutablePointer<Double>,
                         workspace: Workspace) -> Double {
        evaluate(step: step, state: state, control: control, drift: drift, workspace: workspace)
    }

    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint a: UnsafePointer<Double>?, lossWeight: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         tape: UnsafePointer<Double>, workspace: Workspace) {
        pullback(step: step, state: state, control: control, driftAdjoint: a, lossWeight: lossWeight,
                 stateBar: stateBar, controlBar: controlBar, workspace: workspace)
    }
}

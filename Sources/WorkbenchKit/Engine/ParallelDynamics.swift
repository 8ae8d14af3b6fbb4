/// k independent copies of a model (e.g. one network per task, as in MAML) run side by side as
/// one state [w^(1) | ... | w^(k)]: each copy follows its own vector field, the per-step control
/// (if any) is shared, and the loss is the copies' losses times `lossScale` (1/k = the average).
///
/// `firstScoredStep` lets an objective ignore the loss of the first steps: MAML's meta-objective
/// (App. F.1, eq. 26) sums the losses AFTER the updates, i = 1 ... N, not the loss at the
/// initialization. Engine.losses then shows 0 for those steps.
public struct ParallelDynamics<D: LearningDynamics>: LearningDynamics {
    public let copies: [D]
    public let lossScale: Double
    public let firstScoredStep: Int
    public let stateCount: Int
    public let controlCount: Int
    /// Offset of each copy's block in the state.
    public let offsets: [Int]
    /// Each copy's tape slot lies at its offset within the step's tape.
    public let tapeOffsets: [Int]
    public let tapeCount: Int

    public init(copies: [D], lossScale: Double? = nil, firstScoredStep: Int = 0) {
        precondition(!copies.isEmpty, "ParallelDynamics needs at least one copy")
        precondition(copies.allSatisfy { $0.controlCount == copies[0].controlCount },
                     "the copies must share the per-step control layout")
        self.copies = copies
        self.lossScale = lossScale ?? 1 / Double(copies.count)
        self.firstScoredStep = firstScoredStep
        var o: [Int] = [], n = 0
        for c in copies { o.append(n); n += c.stateCount }
        offsets = o
        stateCount = n
        var t: [Int] = [], m = 0
        for c in copies { t.append(m); m += c.tapeCount }
        tapeOffsets = t
        tapeCount = m
        controlCount = copies[0].controlCount
    }

    public final class Workspace {
        let parts: [D.Workspace]
        init(_ parts: [D.Workspace]) { self.parts = parts }
    }

    public func makeWorkspace() -> Workspace { Workspace(copies.map { $0.makeWorkspace() }) }

    public func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         drift: UnsafeMutablePointer<Double>?, workspace: Workspace) -> Double {
        var total = 0.0
        for (k, model) in copies.enumerated() {
            total += model.evaluate(step: step, state: state + offsets[k], control: control,
                                    drift: drift.map { $0 + offsets[k] }, workspace: workspace.parts[k])
        }
        return step < firstScoredStep ? 0 : lossScale * total
    }

    public func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         drift: UnsafeMutablePointer<Double>?, tape: UnsafeMutablePointer<Double>,
                         workspace: Workspace) -> Double {
        var total = 0.0
        for (k, model) in copies.enumerated() {
            total += model.evaluate(step: step, state: state + offsets[k], control: control,
                                    drift: drift.map { $0 + offsets[k] }, tape: tape + tapeOffsets[k],
                                    workspace: workspace.parts[k])
        }
        return step < firstScoredStep ? 0 : lossScale * total
    }

    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint a: UnsafePointer<Double>?, lossWeight: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         tape: UnsafePointer<Double>, workspace: Workspace) {
        let weight = step < firstScoredStep ? 0 : lossWeight * lossScale
        for (k, model) in copies.enumerated() {
            model.pullback(step: step, state: state + offsets[k], control: control,
                           driftAdjoint: a.map { $0 + offsets[k] }, lossWeight: weight,
                           stateBar: stateBar + offsets[k], controlBar: controlBar, tape: tape + tapeOffsets[k],
                           workspace: workspace.parts[k])
        }
    }

    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint a: UnsafePointer<Double>?, lossWeight: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         workspace: Workspace) {
        let weight = step < firstScoredStep ? 0 : lossWeight * lossScale
        for (k, model) in copies.enumerated() {
            model.pullback(step: step, state: state + offsets[k], control: control,
                           driftAdjoint: a.map { $0 + offsets[k] }, lossWeight: weight,
                           stateBar: stateBar + offsets[k], controlBar: controlBar, workspace: workspace.parts[k])
        }
    }
}

import XCTest
@testable import WorkbenchKit

/// `rollout` gives, as a value, exactly what `value` leaves in the engine (V, L_i, C_i, states),
/// stored or checkpointed, and keeps giving it after the engine has evaluated other controls.
final class TrajectoryTests: XCTestCase {
    let net = TwoLayerNetwork(configuration: .init(hidden: 4, lambda: 0.01, gains1: .perSynapse, gains2: .perSynapse),
                              task: randomTask(inputs: 3, outputs: 2, seed: 11))
    let steps = 23

    func problem() -> ControlProblem<TwoLayerNetwork> {
        var rng = SeededGenerator(seed: 3)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        return ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.9, eta: 1.3,
                              cost: NormCost(.exponential, beta: 0.3, norm: WeightedSquares(range: 0..<net.controlCount)),
                              map: .perStep(initialState: w0))
    }

    func control(seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        return (0..<(steps * net.controlCount)).map { _ in 0.2 * rng.normal() }
    }

    func states(_ t: Trajectory) -> [Double] {
        var out: [Double] = [], visited: [Int] = []
        t.forEachState { i, w in visited.append(i); out += UnsafeBufferPointer(start: w, count: t.stateCount) }
        XCTAssertEqual(visited, Array(0..<t.steps))
        return out
    }

    func testRolloutIsTheEnginesEvaluationStoredAndCheckpointed() {
        let theta = control(seed: 1), other = control(seed: 2)
        // The old path: value, then the engine's last evaluation.
        let reference = Engine(problem(), storage: .stored)
        let value = reference.value(theta)
        let (losses, costs, stored) = (reference.losses, reference.costs, reference.states)
        let n = reference.stateCount
        for storage in [TrajectoryStorage.stored, .checkpointed(segment: 1), .checkpointed(segment: 5), .checkpointed(segment: 22)] {
            let engine = Engine(problem(), storage: storage)
            let t = engine.rollout(theta)
            XCTAssertEqual(t.storage, storage)
            XCTAssertEqual(t.value, value, "\(storage)")
            XCTAssertEqual(t.losses, losses, "\(storage)")
            XCTAssertEqual(t.costs, costs, "\(storage)")
            XCTAssertEqual(t.controls, theta)
            XCTAssertEqual(t.rewards, (0..<steps).map { -1.3 * losses[$0] - costs[$0] })
            XCTAssertEqual(t.initialState, Array(stored[0..<n]))
            XCTAssertEqual(t.finalState, Array(stored[((steps - 1) * n)...]))
            XCTAssertEqual(states(t), stored, "\(storage)")
            // The engine moves on (another control, a gradient); the trajectory does not.
            let u = engine.rollout(other)
            var gradient = [Double]()
            _ = engine.valueAndGradient(other, gradient: &gradient)
            XCTAssertEqual(states(t), stored, "\(storage), after other evaluations")
            XCTAssertEqual(t.losses, losses)
            XCTAssertNotEqual(states(u), stored)
            XCTAssertEqual(states(u), states(Engine(problem(), storage: .stored).rollout(other)))
            // ... and a storage change (what the runner does when series.csv would not fit).
            engine.useTrajectoryStorage(engine.leanestStorage)
            XCTAssertEqual(states(t), stored, "\(storage), after a storage change")
        }
    }

    /// The optimizer hands back the rollout at the control it returns, equal to a fresh one
    /// (L-BFGS: over budgets that end on an accepted step and on a rejected trial point).
    func testOptimizerReturnsTheRolloutAtItsControl() {
        let runs = OptimizerKind.allCases.map { ($0, 12) } + (2...30).map { (OptimizerKind.lbfgs, $0) }
        for (kind, budget) in runs {
            let engine = Engine(problem())
            let result = optimizeControl(engine: engine, initial: control(seed: 4),
                                         settings: OptimizerSettings(kind: kind, rate: 2, iterations: budget, bounds: Bounds(-0.5, 0.5)))
            guard let t = result.trajectory else { return XCTFail("\(kind): no trajectory") }
            XCTAssertEqual(t.control, result.theta, "\(kind)")
            XCTAssertEqual(t.value, result.valueHistory.last!, "\(kind)")
            let fresh = Engine(problem()).rollout(result.theta)
            XCTAssertEqual(t.losses, fresh.losses, "\(kind)")
            XCTAssertEqual(t.costs, fresh.costs, "\(kind)")
            XCTAssertEqual(states(t), states(fresh), "\(kind)")
        }
    }

    /// MAML's map: the control is w_0 (here two copies), the per-step controls are the fixed ones.
    func testInitialStateMapStartsFromTheControl() {
        let plain = TwoLayerNetwork(configuration: .init(hidden: 3, lambda: 0), task: randomTask(inputs: 3, outputs: 2, seed: 12))
        let model = ParallelDynamics(copies: [plain, plain])
        var rng = SeededGenerator(seed: 6)
        let w0 = plain.randomInitialState(std: 0.3, using: &rng)
        for storage in [TrajectoryStorage.stored, .checkpointed(segment: 3)] {
            let engine = Engine(ControlProblem(dynamics: model, steps: 9, dt: 0.1, gamma: 1, eta: 1, cost: ZeroCost(),
                                               map: .initialState(copies: 2, controls: [])), storage: storage)
            let t = engine.rollout(w0)
            XCTAssertEqual(t.initialState, w0 + w0)
            XCTAssertEqual(t.controls, [])
            XCTAssertEqual(t.value, engine.value(w0))
            XCTAssertEqual(states(t).prefix(2 * w0.count), ArraySlice(w0 + w0))
        }
    }
}

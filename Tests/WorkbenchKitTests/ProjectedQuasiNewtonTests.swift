import XCTest
@testable import WorkbenchKit

/// A stateless test problem whose V and dV/dtheta are closed forms: everything else a `ValueEngine`
/// asks is the same for all of them (no states, one "step" per rollout, the textbook clamped ascent).
protocol ClosedFormValue: ValueEngine {
    func value(_ theta: [Double]) -> Double
}

/// One "step" whose control is theta and which has no state.
struct NoStates: StateSource { func forEachState(of theta: [Double], _ body: (Int, UnsafePointer<Double>) -> Void) {} }

extension ClosedFormValue {
    var stateCount: Int { 0 }
    var dt: Double { 1 }
    var memoryPlan: MemoryPlan { MemoryPlan(storage: .stored, controlBytes: 8 * parameterCount, perStepBytes: 0, trajectoryBytes: 0) }
    func useTrajectoryStorage(_ storage: TrajectoryStorage) {}
    var leanestStorage: TrajectoryStorage { .stored }
    var losses: [Double] { [] }
    var costs: [Double] { [] }
    var eta: Double { 1 }
    func rollout(_ theta: [Double]) -> Trajectory {
        Trajectory(control: theta, value: value(theta), losses: [0], costs: [0], controls: theta, stateCount: 0,
                   controlCount: parameterCount, dt: 1, eta: 1, initialState: [], finalState: [], storage: .stored,
                   states: NoStates())
    }
    func lastRollout(of theta: [Double]) -> Trajectory { rollout(theta) }
}

/// V(x) = -1/2 (x - c)^T A (x - c) with A tridiagonal (2, -0.9): smooth, coupled, and with c
/// outside the box many entries end at a bound.
final class QuadraticValue: ClosedFormValue {
    let n: Int, c: [Double]
    init(n: Int, seed: UInt64) {
        self.n = n
        var rng = SeededGenerator(seed: seed)
        c = (0..<n).map { _ in 2 * rng.normal() }
    }
    var parameterCount: Int { n }
    var steps: Int { 1 }
    var controlCount: Int { n }
    func ax(_ x: [Double]) -> [Double] {
        (0..<n).map { k in 2 * x[k] - 0.9 * ((k > 0 ? x[k - 1] : 0) + (k + 1 < n ? x[k + 1] : 0)) }
    }
    func value(_ theta: [Double]) -> Double {
        let e = zip(theta, c).map { $0 - $1 }
        return -0.5 * zip(e, ax(e)).reduce(0) { $0 + $1.0 * $1.1 }
    }
    func valueAndGradient(_ theta: [Double], gradient: inout [Double]) -> Double {
        let e = zip(theta, c).map { $0 - $1 }
        let ae = ax(e)
        for k in 0..<n { gradient[k] = -ae[k] }
        return -0.5 * zip(e, ae).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

final class ProjectedQuasiNewtonTests: XCTestCase {
    let bounds = Bounds(-1, 1)

    func testConvergesToTheBoxConstrainedMaximumInFewEvaluations() {
        let engine = QuadraticValue(n: 200, seed: 3)
        let initial = [Double](repeating: 0, count: 200)
        let quasiNewton = optimizeControl(engine: engine, initial: initial,
                                          settings: OptimizerSettings(kind: .lbfgs, rate: 0.2, iterations: 100, bounds: bounds))
        // The paper's clamped ascent, run far longer than it needs, as the reference maximum.
        let paper = optimizeControl(engine: engine, initial: initial,
                                    settings: OptimizerSettings(kind: .gradient, rate: 0.2, iterations: 3000, bounds: bounds))
        let report = quasiNewton.convergence!
        XCTAssertTrue([.projectedGradient, .valueChange].contains(report.stopReason), "\(report)")
        XCTAssertLessThan(report.projectedGradientNorm!, 1e-3, "near a KKT point of the box")
        XCTAssertLessThan(report.evaluations, 60)
        // Stopped on a relative change of 1e-10, it is within 1e-9 (relative) of the maximum.
        XCTAssertGreaterThanOrEqual(quasiNewton.valueHistory.last!, paper.valueHistory.last! - 1e-9 * abs(paper.valueHistory.last!))
        XCTAssertTrue(quasiNewton.theta.allSatisfy { $0 >= -1 && $0 <= 1 })
        XCTAssertGreaterThan(quasiNewton.theta.filter { abs($0) == 1 }.count, 20, "many entries end at a bound")
        // V never decreases from one accepted iterate to the next.
        XCTAssertTrue(zip(quasiNewton.valueHistory, quasiNewton.valueHistory.dropFirst()).allSatisfy { $1 >= $0 })
    }

    func testTheBudgetOfEvaluationsIsRespected() {
        let engine = QuadraticValue(n: 50, seed: 4)
        let r = optimizeControl(engine: engine, initial: [Double](repeating: 0, count: 50),
                                settings: OptimizerSettings(kind: .lbfgs, rate: 0.2, iterations: 5, bounds: bounds))
        XCTAssertEqual(r.convergence?.stopReason, .evaluations)
        XCTAssertEqual(r.convergence?.evaluations, 5)
    }
}

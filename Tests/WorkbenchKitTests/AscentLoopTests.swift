import XCTest
@testable import WorkbenchKit

/// V(x) = -1/2 |x - c|^2 with only what an optimizer needs: V and its gradient.
final class Paraboloid: Objective {
    let c: [Double]
    init(_ c: [Double]) { self.c = c }
    func valueAndGradient(_ x: [Double], gradient: inout [Double]) -> Double {
        var v = 0.0
        for k in x.indices { gradient[k] = c[k] - x[k]; v -= 0.5 * (x[k] - c[k]) * (x[k] - c[k]) }
        return v
    }
}

/// The paper's step, rate times the gradient, but not a `Scale`: the controller takes the two-pass path.
struct UnfusedRate: UpdateStep {
    let rate: Double
    mutating func apply(_ step: inout [Double], held: [Int]) { for k in step.indices { step[k] = rate * step[k] } }
}

/// The one loop driving update steps and step-size controllers as values.
final class AscentLoopTests: XCTestCase {
    let c: [Double] = [0.3, -2, 0.7, 5, -0.1]
    var bounds: Bounds { Bounds(-1, 1) }
    /// The box-constrained maximum: c clamped.
    var maximum: [Double] { c.map { min(max($0, -1), 1) } }

    /// V's change ends an ascent only where the projected gradient is below the ceiling: a V rule
    /// that always fires (tolerance 1) stops the first iteration without it, and with it only once
    /// the gradient has fallen to 1e-4 of its start.
    func testValueChangeStopsOnlyBelowTheGradientCeiling() throws {
        let objective = Paraboloid(c)
        var eager = ProjectedLineSearch(QuasiNewton(memory: 3, firstStep: 0.01), bounds: bounds, count: 5)
        let early = ascend(&eager, objective: objective, from: [0, 0, 0, 0, 0], bounds: bounds,
                           stop: StopRules(maxEvaluations: 200, valueTolerance: 1))
        XCTAssertEqual(early.stopReason, .valueChange)
        XCTAssertGreaterThan(try XCTUnwrap(early.projectedGradientNorm), 1e-4 * (try XCTUnwrap(early.startProjectedGradientNorm)))
        var patient = ProjectedLineSearch(QuasiNewton(memory: 3, firstStep: 0.01), bounds: bounds, count: 5)
        let late = ascend(&patient, objective: objective, from: [0, 0, 0, 0, 0], bounds: bounds,
                          stop: StopRules(maxEvaluations: 200, valueTolerance: 1, valueStopGradientCeiling: 1e-4))
        XCTAssertEqual(late.stopReason, .valueChange)
        XCTAssertLessThanOrEqual(try XCTUnwrap(late.projectedGradientNorm), 1e-4 * (try XCTUnwrap(late.startProjectedGradientNorm)))
        XCTAssertGreaterThan(late.evaluations, early.evaluations)
    }

    func testEachControllerReachesTheBoxConstrainedMaximum() {
        let objective = Paraboloid(c)
        var clamped = ClampedStep(Scale(0.5), bounds: bounds)
        let paper = ascend(&clamped, objective: objective, from: [0, 0, 0, 0, 0], bounds: bounds, stop: StopRules(maxIterations: 60))
        var adam = ClampedStep(Adam(rate: 0.05), bounds: bounds)
        let adamOutcome = ascend(&adam, objective: objective, from: [0, 0, 0, 0, 0], bounds: bounds, stop: StopRules(maxIterations: 400))
        var search = ProjectedLineSearch(QuasiNewton(memory: 3, firstStep: 0.1), bounds: bounds, count: 5)
        let lbfgs = ascend(&search, objective: objective, from: [0, 0, 0, 0, 0], bounds: bounds,
                           stop: StopRules(maxEvaluations: 50, projectedGradientTolerance: 1e-10))
        for (name, outcome, tolerance) in [("paper", paper, 1e-12), ("adam", adamOutcome, 1e-2), ("lbfgs", lbfgs, 1e-9)] {
            for k in c.indices { XCTAssertEqual(outcome.theta[k], maximum[k], accuracy: tolerance, name) }
        }
        XCTAssertEqual(paper.stopReason, .iterations)
        XCTAssertEqual(paper.evaluations, 60)
        XCTAssertFalse(paper.endsAtTheta, "a fixed step learns V at an iterate when it leaves it")
        XCTAssertEqual(lbfgs.stopReason, .projectedGradient)
        XCTAssertTrue(lbfgs.endsAtTheta)
        XCTAssertLessThan(lbfgs.evaluations, 50)
    }

    /// The engine's fused ascent (the update inside the adjoint sweep) takes the same steps, bit for
    /// bit, as the gradient followed by a separate update.
    func testTheFusedAscentEqualsTheTwoPassOne() {
        let net = TwoLayerNetwork(configuration: .init(hidden: 4, lambda: 0.01, gains1: .perSynapse, gains2: .perSynapse),
                                  task: randomTask(inputs: 3, outputs: 2, seed: 11))
        var rng = SeededGenerator(seed: 3)
        let problem = ControlProblem(dynamics: net, steps: 30, dt: 0.05, gamma: 0.9, eta: 1.3,
                                     cost: NormCost(.exponential, beta: 0.3, norm: WeightedSquares(range: 0..<net.controlCount)),
                                     map: .perStep(initialState: net.randomInitialState(std: 0.3, using: &rng)))
        let start = (0..<(30 * net.controlCount)).map { _ in 0.2 * rng.normal() }
        let box = Bounds(-0.5, 0.5)
        var fused = ClampedStep(Scale(2), bounds: box)
        var twoPass = ClampedStep(UnfusedRate(rate: 2), bounds: box)
        let a = ascend(&fused, objective: Engine(problem), from: start, bounds: box, stop: StopRules(maxIterations: 15))
        let b = ascend(&twoPass, objective: Engine(problem), from: start, bounds: box, stop: StopRules(maxIterations: 15))
        XCTAssertEqual(a.theta, b.theta)
        XCTAssertEqual(a.valueHistory, b.valueHistory)
    }

    /// A sequence of two recipes is a recipe: one history through the handover, both budgets.
    func testARecipeThenAnotherContinuesWhereTheFirstEnded() {
        let objective = Paraboloid(c)
        let first = OptimizerSettings(kind: .gradient, rate: 0.1, iterations: 4, bounds: bounds).recipe
        let second = OptimizerSettings(kind: .lbfgs, rate: 0.1, iterations: 40, bounds: bounds).recipe
        var reported: [Int] = []
        let both = first.then(second).run(objective, [0, 0, 0, 0, 0]) { k, _ in reported.append(k) }
        let alone = first.run(objective, [0, 0, 0, 0, 0]) { _, _ in }
        let rest = second.run(objective, alone.theta) { _, _ in }
        XCTAssertEqual(both.valueHistory, alone.valueHistory + rest.valueHistory)
        XCTAssertEqual(both.evaluations, alone.evaluations + rest.evaluations)
        XCTAssertEqual(both.stopReason, rest.stopReason)
        XCTAssertEqual(reported, Array(0..<(alone.valueHistory.count + rest.valueHistory.count - 1)))
        for k in c.indices { XCTAssertEqual(both.theta[k], maximum[k], accuracy: 1e-9) }
        XCTAssertEqual(first.then(second).controlCopies, second.controlCopies)
    }
}

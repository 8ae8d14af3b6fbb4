import XCTest
@testable import WorkbenchKit

/// The relaxation dynamics, counting the rollouts its engine makes (evaluations of step 0).
struct CountedRelaxation: LearningDynamics {
    final class Count: @unchecked Sendable { var rollouts = 0 }
    let count: Count
    let model = RelaxationExperiment.Model()
    var stateCount: Int { model.stateCount }
    var controlCount: Int { model.controlCount }
    func makeWorkspace() -> RelaxationExperiment.Model.Workspace { model.makeWorkspace() }
    func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                  drift: UnsafeMutablePointer<Double>?, workspace: RelaxationExperiment.Model.Workspace) -> Double {
        if step == 0 { count.rollouts += 1 }
        return model.evaluate(step: step, state: state, control: control, drift: drift, workspace: workspace)
    }
    func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                  driftAdjoint a: UnsafePointer<Double>?, lossWeight c: Double,
                  stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                  workspace: RelaxationExperiment.Model.Workspace) {
        model.pullback(step: step, state: state, control: control, driftAdjoint: a, lossWeight: c,
                       stateBar: stateBar, controlBar: controlBar, workspace: workspace)
    }
}

/// Describes both trajectories through their states, as most experiments do.
struct CountedRelaxationExperiment: Experiment {
    let count: CountedRelaxation.Count
    let name = "counted-relaxation"
    let summary = "relaxation dynamics counting rollouts"
    var parameters: [ParameterSpec] { RelaxationExperiment().parameters }
    var presets: Presets { RelaxationExperiment().presets }
    func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let engine = try StandardParameters.problem(p, dynamics: CountedRelaxation(count: count),
                                                    cost: NormCost(.quadratic, beta: p[.beta], norm: WeightedSquares(range: 0..<1)),
                                                    map: .perStep(initialState: [0]))
        return PreparedRun(engine: engine, initialControl: [Double](repeating: 0.5, count: p[.steps]),
                           optimizer: try StandardParameters.optimizer(p),
                           describe: { trajectory, baseline in
                               var w = [Double](repeating: 0, count: trajectory.steps)
                               trajectory.forEachState { i, state in w[i] = state[0] - baseline.initialState[0] }
                               return [SeriesColumn("w", w)]
                           })
    }
}

final class RunnerRolloutTests: XCTestCase {
    /// One rollout for the baseline, the optimizer's, and none more: the control is described from
    /// the optimizer's final rollout, its states read where that rollout left them.
    func testTheRunnerRollsOutEachDescribedControlOnce() throws {
        for kind in OptimizerKind.allCases {
            let count = CountedRelaxation.Count()
            let outcome = try runExperiment(CountedRelaxationExperiment(count: count),
                                            options: RunOptions(overrides: [("optimizer", kind.rawValue)]))
            let evaluations = outcome.convergence!.evaluations
            // L-BFGS rolls out once more only when its last evaluation was a rejected trial point.
            let extra = count.rollouts - 1 - evaluations
            XCTAssertTrue(kind == .lbfgs ? (0...1).contains(extra) : extra == 0,
                          "\(kind): \(count.rollouts) rollouts for \(evaluations) optimizer evaluations")
            XCTAssertEqual(outcome.column("w_control")?.count, 50)
            XCTAssertEqual(outcome.column("w_control")?.first, 0)
        }
    }
}

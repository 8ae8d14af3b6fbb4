import XCTest
@testable import TaskSwitch
import WorkbenchKit

final class TaskSwitchTests: XCTestCase {
    func testGradientMatchesFiniteDifferences() throws {
        let e = TaskSwitchExperiment()
        let p = try e.resolve(preset: "quick", overrides: [("steps", "60"), ("switch_every", "20"), ("hidden", "3")])
        let run = try e.prepare(p, context: RunContext(seed: 2, mnistDirectory: nil))
        let theta = run.initialControl.map { $0 + 0.1 }
        XCTAssertLessThan(checkGradient(engine: run.engine, at: theta).maxRelativeError, 1e-5)
    }

    /// Different seeds give different weight and control initializations (the 5 runs of Fig. 5e-g).
    func testSeedChangesInitialization() throws {
        let e = TaskSwitchExperiment()
        let p = try e.resolve(preset: "quick", overrides: [("steps", "10")])
        let r1 = try e.prepare(p, context: RunContext(seed: 1, mnistDirectory: nil))
        let r2 = try e.prepare(p, context: RunContext(seed: 2, mnistDirectory: nil))
        XCTAssertNotEqual(r1.initialControl, r2.initialControl)
        let s1 = r1.engine.rollout(r1.baselineControl).initialState
        let s2 = r2.engine.rollout(r2.baselineControl).initialState
        XCTAssertNotEqual(Array(s1.prefix(10)), Array(s2.prefix(10)))
    }

    /// Fig. 5e-g: control beats the baseline in V, and after each switch the controlled loss
    /// recovers faster: lower loss over the early part of every period after the first switch.
    func testControlledLossRecoversFasterAfterSwitches() throws {
        let run = try runExperiment(TaskSwitchExperiment(), options: RunOptions(preset: "quick"))
        XCTAssertGreaterThan(run.valueControl, run.valueBaseline)
        let base = run.column("loss_baseline")!, ctrl = run.column("loss_control")!
        let every = 500
        for s in stride(from: every, to: base.count, by: every) {
            let window = s..<(s + every / 4)
            let b = window.map { base[$0] }.reduce(0, +), c = window.map { ctrl[$0] }.reduce(0, +)
            XCTAssertLessThan(c, b, "switch at \(s)")
        }
    }

    /// Fig. 5f: each switch costs less with control than without, and less as switches into the
    /// same task repeat (the tasks alternate, and the switch into task A costs more than into B,
    /// with control as without: quick 1.24, 0.95, 0.49, 0.55, 0.33; paper 0.91, 0.81, 0.36, 0.46, ...).
    func testLossAtTheSwitchesFallsFromOneSwitchIntoATaskToTheNext() throws {
        let run = try runExperiment(TaskSwitchExperiment(), options: RunOptions(preset: "quick"))
        let control = try XCTUnwrap(run.extra["loss_at_switch_control"] as? [Double])
        let baseline = try XCTUnwrap(run.extra["loss_at_switch_baseline"] as? [Double])
        XCTAssertEqual(control.count, 5)
        for (k, (c, b)) in zip(control, baseline).enumerated() { XCTAssertLessThan(c, b, "switch \(k + 1)") }
        for start in [0, 1] {
            let sameTask = stride(from: start, to: control.count, by: 2).map { control[$0] }
            for (earlier, later) in zip(sameTask, sameTask.dropFirst()) { XCTAssertLessThan(later, earlier, "switches into task \(start == 0 ? "B" : "A")") }
        }
    }
}

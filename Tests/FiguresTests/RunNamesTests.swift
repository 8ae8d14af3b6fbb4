import Engagement
@testable import FigureKit
import Foundation
import GainModulation
import Maml
import TaskSwitch
import WorkbenchKit
import XCTest

/// The typed names spell exactly what runs write, and a run record finds columns, families and
/// result.json fields through them.
final class RunNamesTests: XCTestCase {
    func testNamesSpellTheColumnsAndFieldsOnDisk() {
        XCTAssertEqual(RunColumns.loss.control.text, "loss_control")
        XCTAssertEqual(RunColumns.reward[.baseline].text, "reward_baseline")
        XCTAssertEqual(GainModulationNames.gain.control.text, "g_control")
        XCTAssertEqual(RunColumns.sgdLoss.mean.baseline.text, "sgd_loss_mean_baseline")
        XCTAssertEqual(SGDColumns(of: TwoLayerColumnNames.weights1.member("17")).std.control.text, "sgd_w1_17_std_control")
        XCTAssertEqual(GainModulationNames.sgdWeightL1.mean.control.text, "sgd_weight_l1_mean_control")
        XCTAssertEqual(MamlNames.cumulativeEvalLossHeldout.control.text, "cumulative_eval_loss_heldout_control")
        XCTAssertEqual(TaskSwitchNames.lossAtSwitch[.baseline].text, "loss_at_switch_baseline")
        XCTAssertEqual(RunResults.value.baseline.text, "value_baseline")
        XCTAssertEqual(SeriesColumn(GainModulationNames.effectiveWeight, [1]).name, "w_effective")
        XCTAssertEqual(EngagementNames.hierarchyLevel(ofMember: EngagementNames.hierarchyMember(level: 2, index: 5)), 2)
        XCTAssertNil(EngagementNames.hierarchyLevel(ofMember: "7"))
        XCTAssertEqual([RunFiles.series, RunFiles.result], ["series.csv", "result.json"])
        XCTAssertEqual([RunColumns.step.text, RunColumns.time.text], ["step", "t"])
        XCTAssertEqual(SeriesColumn(TwoLayerColumnNames.gains2.member("3"), [1]).written(for: .control).name, "g2_3_control")
        XCTAssertEqual(MamlNames.heldout(MamlNames.evalLossMean).baseline.text, "eval_loss_mean_heldout_baseline")
        XCTAssertEqual(MamlNames.taskLossMean.control.text, "task_loss_mean_control")
        XCTAssertEqual(TaskSwitchNames.recoverySteps.control.text, "recovery_steps_control")
        XCTAssertEqual(EngagementNames.taskLosses.member("2").baseline.text, "task_loss_2_baseline")
        XCTAssertEqual(RunResults.optimizerStopReason.text, "optimizer_stop_reason")
    }

    func testARunRecordFindsFamiliesAndFieldsByName() throws {
        let folder = NSTemporaryDirectory() + "run-names-test-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let header = ["step", "loss_baseline", "loss_control", "psi_0_control", "psi_1_control", "g1_rms_control", "g1_4_control",
                      "sgd_class_loss_3_mean_control", "sgd_class_loss_3_std_control", "sgd_class_loss_8_mean_control"]
        let rows = (0..<3).map { i in header.indices.map { String(Double(i * 10 + $0)) }.joined(separator: ",") }
        try ([header.joined(separator: ",")] + rows).joined(separator: "\n").appending("\n")
            .write(toFile: folder + "/series.csv", atomically: true, encoding: .utf8)
        try #"{"value_baseline": -2, "value_control": -1, "seconds": 0.5, "tasks": ["0,1", "7,1"], "switch_steps": [10, 20]}"#
            .write(toFile: folder + "/result.json", atomically: true, encoding: .utf8)

        let run = try RunRecord(request: RunRequest(EngagementNames.taskEngagement, preset: .quick), folder: folder)
        XCTAssertEqual(try run.column(RunColumns.loss, .control), [2, 12, 22])
        XCTAssertEqual(run.members(of: EngagementNames.taskEngagementCoefficients, .control), ["0", "1"])
        XCTAssertEqual(run.members(of: EngagementNames.taskEngagementCoefficients, .baseline), [])
        XCTAssertEqual(run.members(of: TwoLayerColumnNames.gains1, .control), ["rms", "4"])
        XCTAssertEqual(run.replayedMembers(of: EngagementNames.classLosses, .control), ["3", "8"])
        XCTAssertEqual(run.names(EngagementNames.tasks), ["0,1", "7,1"])
        XCTAssertEqual(try run.array(TaskSwitchNames.switchSteps), [10, 20])
        XCTAssertEqual(run.valueControl, -1)
        XCTAssertThrowsError(try run.column(GainModulationNames.gain, .control)) { error in
            XCTAssertTrue("\(error)".contains("no series column 'g_control'"), "\(error)")
        }
        XCTAssertThrowsError(try run.scalar(MamlNames.oneStepLoss.control)) { error in
            XCTAssertTrue("\(error)".contains("no number 'one_step_loss_control'"), "\(error)")
        }
    }
}

import Bilevel
import Engagement
import GainModulation
import LearningRule
import Maml
import PluginList
import TaskSwitch
import WorkbenchKit
import XCTest

/// The paper's experiments' quick presets, pinned as text: a setting's text is part of every run's
/// cache key and of `workbench list`, so a change to one shows here rather than as silently
/// recomputed runs. A new plugin's experiments need no entry.
final class TypedPresetTests: XCTestCase {
    let registry = Plugins.registry

    /// Each pinned experiment's "quick" preset as text ("paper" is empty for all of them).
    let pinnedQuickPresets: [String: [String: String]] = [
        "single-neuron": ["iterations": "300", "sgd_runs": "3"],
        "effort-allocation": ["learning_rate": "0.04", "steps": "2000", "control_lr": "1.25", "iterations": "100"],
        "non-linear": ["steps": "1000", "iterations": "40", "sgd_runs": "4", "learning_rate": "0.01"],
        "task-engagement": ["steps": "2600", "learning_rate": "0.025", "iterations": "40", "control_lr": "5"],
        "category-engagement": ["steps": "1500", "iterations": "60"],
        "category-engagement-semantic": ["steps": "3000", "learning_rate": "0.03", "iterations": "60"],
        "category-neuron-basis": ["steps": "1500", "iterations": "60"],
        "category-neuron-basis-semantic": ["steps": "3000", "learning_rate": "0.03", "iterations": "60"],
        "class-proportion": ["steps": "1500", "iterations": "60", "sgd_runs": "3", "optimizer": "adam", "control_lr": "0.005"],
        "category-engagement-nonlinear": ["steps": "1500", "learning_rate": "0.06", "control_lr": "0.5", "iterations": "40",
                                          "sgd_runs": "2"],
        "task-switch": ["steps": "3000", "switch_every": "500", "iterations": "150"],
        "maml": ["optimized_steps": "20", "iterations": "600", "control_lr": "0.015", "eval_steps": "1500", "hidden": "40"],
        "learning-rate": ["steps": "1500", "iterations": "100", "learning_rate": "0.008", "hidden": "12", "levels": "3",
                          "control_lr": "0.02", "init_std": "0.01"],
        "learning-rule": ["steps": "2000", "iterations": "60", "levels": "3", "hidden": "12", "init_std": "0.01"],
    ]

    func testPinnedPresetsKeepTheirText() throws {
        for (name, text) in pinnedQuickPresets {
            let e = try registry.experiment(named: name)
            XCTAssertEqual(e.presets.values(.quick), text, name)
            XCTAssertEqual(e.presets.values(.paper), [:], name)
            // A setting per parameter: none is shadowed by a later one of the same name.
            XCTAssertEqual(e.presets.quick.count, text.count, name)
        }
    }

    func testPresetsResolveAsTheirTextWould() throws {
        for (name, text) in pinnedQuickPresets {
            let e = try registry.experiment(named: name)
            let typed = try e.resolve(.quick, overrides: [])
            let strings = try e.resolve(.paper, overrides: text.sorted { $0.key < $1.key })
            XCTAssertEqual(typed.values, strings.values, name)
            XCTAssertEqual(typed.order, strings.order, name)
        }
    }

    func testEveryPresetNamesADeclaredParameter() throws {
        for e in registry.experiments {
            let declared = Set(e.parameters.map(\.name))
            for preset in Preset.allCases {
                for setting in e.presets[preset] {
                    XCTAssertTrue(declared.contains(setting.name), "\(e.name) [\(preset.rawValue)]: \(setting.name)")
                }
            }
        }
    }

    /// A plugin's key reads its own type from a resolved run.
    func testPluginKeysReadTheirDeclaredTypes() throws {
        let maml = try MamlExperiment().resolve(preset: "quick", overrides: [("heldout", "train"), ("objective", "with-initial-loss")])
        let heldout: HeldOutSplit = maml[MamlKeys.heldout]
        XCTAssertEqual(heldout, .train)
        XCTAssertEqual(maml[MamlKeys.objective], .withInitialLoss)
        XCTAssertEqual(maml[MamlKeys.tasks], [0, 1, 7, 1, 8, 9, 3, 8, 5, 3])
        XCTAssertEqual(maml[MamlKeys.optimizedSteps], 20)
        let switching = try TaskSwitchExperiment().resolve(preset: "quick", overrides: [("task_b", "-1, 2.5, 0.3")])
        let taskB: [Double] = switching[TaskSwitchKeys.taskB]
        XCTAssertEqual(taskB, [-1, 2.5, 0.3])
        XCTAssertEqual(switching[TaskSwitchKeys.switchEvery], 500)
        let gains = try EffortAllocationExperiment().resolve(preset: "quick", overrides: [("dataset", "semantic"), ("basis", "neuron")])
        XCTAssertEqual(gains[GainKeys.dataset], .semantic)
        XCTAssertEqual(gains[GainKeys.basis], .neuron)
        XCTAssertEqual(gains[.digits], [1, 3])
    }
}

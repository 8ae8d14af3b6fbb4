import WorkbenchKit

/// The effort-allocation runs of Sec. 6 / App. K.2 (Table 5) on one dataset, shared by
/// Figs. 5, 11-15, and the task-switch runs shared by Figs. 5(e-g), 16 and 17.
enum GainRuns {
    /// The quick preset covers the paper's whole learning time t = 16000 x 0.005 = 80 in 2000
    /// Euler steps of 0.04 (the same discount per unit time; control_lr scaled by the step so
    /// each control update moves g as far), with 100 control updates: the horizon of the
    /// plugin's own quick preset ends before the semantic task leaves its first plateau.
    static let quickOverrides = ["learning_rate": "0.04", "steps": "2000", "control_lr": "1.25", "iterations": "100"]

    static func effort(_ dataset: String) -> SeededRuns {
        .make("effort-allocation", ["dataset": dataset, "traced": "10"], quick: quickOverrides,
              why: "Quick runs cover the paper's learning time t = 80 in 2000 steps of dt = 0.04 (control_lr scaled by 0.005/0.04)")
    }

    static let taskSwitch = SeededRuns.make("task-switch", ["traced": "10"])
}

import FigureKit
import GainModulation
import TaskSwitch
import WorkbenchKit

/// The effort-allocation runs of Sec. 6 / App. K.2 (Table 5) on one dataset, shared by
/// Figs. 5, 11-15, and the task-switch runs shared by Figs. 5(e-g), 16 and 17.
enum GainRuns {
    static func effort(_ dataset: GainTask) -> SeededRuns {
        .make(GainModulationNames.effortAllocation, [.set(GainKeys.dataset, dataset), .set(.traced, 10)],
              why: "The quick preset covers the paper's learning time t = 80 in 2000 steps of dt = 0.04 (control_lr scaled by 0.005/0.04)")
    }

    static let taskSwitch = SeededRuns.make(TaskSwitchNames.taskSwitch, [.set(.traced, 10)])

    /// Share of the run Figs. 11 and 13 show: the correlated-Gaussian task is learnt within the
    /// first ~11% of the paper's t = 80 (loss within 0.1% of its final value), flat afterwards.
    static let gaussianWindow = 0.15
}

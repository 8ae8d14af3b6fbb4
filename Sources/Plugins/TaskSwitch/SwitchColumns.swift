import WorkbenchKit

/// Per-step columns of a task-switch trajectory (Figs. 5e-g, 16, 17): the active task and the
/// cost of control normalized by its maximum (Fig. 5f-g, green line), then the shared two-layer
/// summaries: RMS of G1 and G2, L1/L2 weight norms (Fig. 16c) and traced weights and gains (Fig. 17).
enum SwitchColumns {
    static func describe(_ net: TwoLayerNetwork, trajectory: Trajectory, baseline: Trajectory,
                         traced: Int) -> [SeriesColumn] {
        let costs = trajectory.costs
        let maxCost = costs.max() ?? 0
        return [SeriesColumn(TaskSwitchNames.task, (0..<trajectory.steps).map { Double(net.taskIndex(step: $0)) }),
                SeriesColumn(TaskSwitchNames.costNormalized, costs.map { maxCost > 0 ? $0 / maxCost : 0 })]
            + TwoLayerColumns.describe(net, trajectory: trajectory, baseline: baseline, traced: traced)
    }
}

/// Values at the switch times k * every (k >= 1) of one trajectory (Fig. 5f): the loss on the
/// new task right at the switch (the peak), the loss on the old task just before it, the
/// normalized cost of control there, and how many steps the loss takes to recover half-way from
/// the peak to the level it reaches at the end of that period.
struct SwitchSummary {
    var lossAtSwitch: [Double] = []
    var lossBeforeSwitch: [Double] = []
    var normalizedCostAtSwitch: [Double] = []
    var recoverySteps: [Int] = []

    static func switchSteps(steps: Int, every: Int) -> [Int] {
        Array(stride(from: every, to: steps, by: every))
    }

    init(losses: [Double], costs: [Double], every: Int) {
        let maxCost = costs.max() ?? 0
        for s in Self.switchSteps(steps: losses.count, every: every) {
            lossAtSwitch.append(losses[s])
            lossBeforeSwitch.append(losses[s - 1])
            normalizedCostAtSwitch.append(maxCost > 0 ? costs[s] / maxCost : 0)
            let end = min(s + every, losses.count) - 1
            let target = 0.5 * (losses[s] + losses[end])
            recoverySteps.append((s...end).first { losses[$0] <= target }.map { $0 - s } ?? end - s)
        }
    }
}

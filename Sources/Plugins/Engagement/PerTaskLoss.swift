import WorkbenchKit

/// Loss of each concatenated task along a trajectory of the task-engagement network (Fig. 4a, c,
/// e per task): task tau's loss is the part of the (unweighted) loss carried by its outputs,
/// 1/2 <|y_tau - W2_tau W1 x|^2> over the full concatenated input, which is the loss of a network
/// with the same W1 and only W2's rows of task tau, on the statistics restricted to those outputs.
/// The per-task losses sum to the total loss (with lambda = 0; the regularizer is not split).
struct PerTaskLoss {
    let nets: [TwoLayerNetwork]
    let rows: [[Int]]
    let inputs: Int, hidden: Int, outputs: Int

    init(train s: TaskStatistics, outputGroups: [Int], hidden: Int) {
        let (i, o) = (s.inputCount, s.outputCount)
        let groups = (outputGroups.max() ?? -1) + 1
        rows = (0..<groups).map { g in outputGroups.indices.filter { outputGroups[$0] == g } }
        nets = rows.map { r in
            let k = r.count
            let sxy = (0..<(i * k)).map { s.sxy[($0 / k) * o + r[$0 % k]] }
            let sy = (0..<(k * k)).map { s.sy[r[$0 / k] * o + r[$0 % k]] }
            let sub = TaskStatistics(inputCount: i, outputCount: k, sx: s.sx, sxy: sxy, sy: sy,
                                     meanX: s.meanX, meanY: r.map { s.meanY[$0] })
            return TwoLayerNetwork(configuration: .init(hidden: hidden, lambda: 0), task: sub)
        }
        inputs = i; self.hidden = hidden; outputs = o
    }

    /// Per task, the loss at every step of a trajectory of the network ([W1 | W2] per step).
    func losses(_ trajectory: Trajectory) -> [[Double]] {
        let hi = hidden * inputs
        let none = [0.0]
        let workspaces = nets.map { $0.makeWorkspace() }
        var subs = rows.map { r in [Double](repeating: 0, count: hi + r.count * hidden) }
        var out = nets.map { _ in [Double](repeating: 0, count: trajectory.steps) }
        trajectory.forEachState { t, state in
            for (task, (net, r)) in zip(nets, rows).enumerated() {
                for k in 0..<hi { subs[task][k] = state[k] }
                for (row, o) in r.enumerated() {
                    for h in 0..<hidden { subs[task][hi + row * hidden + h] = state[hi + o * hidden + h] }
                }
                out[task][t] = net.evaluate(step: t, state: subs[task], control: none, drift: nil, workspace: workspaces[task])
            }
        }
        return out
    }
}

import WorkbenchKit

/// Loss of each concatenated task along a trajectory of the task-engagement network (Fig. 4a, c,
/// e per task): task tau's loss is the part of the (unweighted) loss carried by its outputs,
/// 1/2 <|y_tau - W2_tau W1 x|^2> over the full concatenated input, which is the loss of a network
/// with the same W1 and only W2's rows of task tau, on the statistics restricted to those outputs.
/// The per-task losses sum to the total loss (with lambda = 0; the regulariser is not split).
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

    /// Per task, the loss at every step of `states` (steps x [W1 | W2]).
    func losses(states: [Double], steps: Int) -> [[Double]] {
        let hi = hidden * inputs, n = hi + outputs * hidden
        let none = [0.0]
        return zip(nets, rows).map { net, r in
            let ws = net.makeWorkspace()
            var sub = [Double](repeating: 0, count: hi + r.count * hidden)
            return (0..<steps).map { t in
                let base = t * n
                for k in 0..<hi { sub[k] = states[base + k] }
                for (row, o) in r.enumerated() {
                    for h in 0..<hidden { sub[hi + row * hidden + h] = states[base + hi + o * hidden + h] }
                }
                return net.evaluate(step: t, state: sub, control: none, drift: nil, workspace: ws)
            }
        }
    }
}

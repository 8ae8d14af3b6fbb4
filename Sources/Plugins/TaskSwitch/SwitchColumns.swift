import WorkbenchKit

/// Per-step columns of a task-switch trajectory (Figs. 5e-g, 16, 17): the active task, RMS of
/// G1 and G2, the cost of control normalised by its maximum (Fig. 5f-g, green line), L1/L2 norms
/// of all weights (Fig. 16c) and a few individual weights and gains (Fig. 17).
enum SwitchColumns {
    static func describe(_ net: TwoLayerNetwork, engine: any ValueEngine, theta: [Double], traced: Int) -> [SeriesColumn] {
        let steps = engine.steps, n = engine.stateCount, m = engine.controlCount
        let states = engine.states, costs = engine.costs
        let controls = engine.controls(of: theta)
        let c1 = net.gain1Range, c2 = net.gain2Range
        var g1 = [Double](repeating: 0, count: steps), g2 = g1, l1 = g1, l2 = g1
        for i in 0..<steps {
            var a = 0.0, b = 0.0
            for k in c1 { let v = controls[i * m + k]; a += v * v }
            for k in c2 { let v = controls[i * m + k]; b += v * v }
            g1[i] = (a / Double(c1.count)).squareRoot()
            g2[i] = (b / Double(c2.count)).squareRoot()
            var s1 = 0.0, s2 = 0.0
            for k in 0..<n { let w = states[i * n + k]; s1 += abs(w); s2 += w * w }
            l1[i] = s1 / Double(n)
            l2[i] = (s2 / Double(n)).squareRoot()
        }
        let maxCost = costs.max() ?? 0
        var columns = [
            SeriesColumn("task", (0..<steps).map { Double(net.taskIndex(step: $0)) }),
            SeriesColumn("g1_rms", g1), SeriesColumn("g2_rms", g2),
            SeriesColumn("cost_normalised", costs.map { maxCost > 0 ? $0 / maxCost : 0 }),
            SeriesColumn("weight_l1", l1), SeriesColumn("weight_l2", l2),
        ]
        let h1 = net.hidden * net.inputs
        func trace(_ prefix: String, count: Int, stride: Int, from data: [Double], offset: Int) {
            for j in evenlySpaced(traced, in: count) {
                columns.append(SeriesColumn("\(prefix)_\(j)", (0..<steps).map { data[$0 * stride + offset + j] }))
            }
        }
        trace("w1", count: h1, stride: n, from: states, offset: 0)
        trace("w2", count: n - h1, stride: n, from: states, offset: h1)
        trace("g1", count: c1.count, stride: m, from: controls, offset: c1.lowerBound)
        trace("g2", count: c2.count, stride: m, from: controls, offset: c2.lowerBound)
        return columns
    }

    /// Up to `count` indices spread evenly over 0..<n.
    static func evenlySpaced(_ count: Int, in n: Int) -> [Int] {
        guard count > 0, n > 0 else { return [] }
        if count >= n { return Array(0..<n) }
        return (0..<count).map { $0 * n / count }
    }
}

/// Values at the switch times k * every (k >= 1) of one trajectory (Fig. 5f): the loss on the
/// new task right at the switch (the peak), the loss on the old task just before it, the
/// normalised cost of control there, and how many steps the loss takes to recover half-way from
/// the peak to the level it reaches at the end of that period.
struct SwitchSummary {
    var lossAtSwitch: [Double] = []
    var lossBeforeSwitch: [Double] = []
    var normalisedCostAtSwitch: [Double] = []
    var recoverySteps: [Int] = []

    static func switchSteps(steps: Int, every: Int) -> [Int] {
        Array(stride(from: every, to: steps, by: every))
    }

    init(losses: [Double], costs: [Double], every: Int) {
        let maxCost = costs.max() ?? 0
        for s in Self.switchSteps(steps: losses.count, every: every) {
            lossAtSwitch.append(losses[s])
            lossBeforeSwitch.append(losses[s - 1])
            normalisedCostAtSwitch.append(maxCost > 0 ? costs[s] / maxCost : 0)
            let end = min(s + every, losses.count) - 1
            let target = 0.5 * (losses[s] + losses[end])
            recoverySteps.append((s...end).first { losses[$0] <= target }.map { $0 - s } ?? end - s)
        }
    }
}

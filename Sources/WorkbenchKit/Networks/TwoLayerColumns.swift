/// Which weights of each layer a run traces individually (series columns w1_<k>, w2_<k>, g1_<k>,
/// g2_<k>, k = flat index in the layer): the `count` whose value changes most, |W(T) - W(0)|, over
/// the baseline trajectory, largest first: the weights plain learning moves most. Baseline,
/// control and SGD traces all use the baseline's choice, so their columns match. Evenly spaced
/// indices (the former choice) mostly showed MNIST's constant border pixels, flat at zero.
public struct TracedWeights: Equatable {
    public let layer1: [Int]
    public let layer2: [Int]

    /// From the first and last states ([W1 | W2], `split` = |W1|).
    public init(count: Int, first: [Double], last: [Double], split: Int) {
        func largestChange(_ range: Range<Int>) -> [Int] {
            let change = range.map { abs(last[$0] - first[$0]) }
            return Array(change.indices.sorted { change[$0] != change[$1] ? change[$0] > change[$1] : $0 < $1 }.prefix(count))
        }
        layer1 = largestChange(0..<split)
        layer2 = largestChange(split..<first.count)
    }

    /// From the baseline trajectory of a network whose state is [W1 | W2], `split` = |W1|.
    public init(count: Int, baseline: Trajectory, split: Int) {
        self.init(count: count, first: baseline.initialState, last: baseline.finalState, split: split)
    }
}

/// Per-step summaries of a gain-modulated two-layer network for series.csv and the figures:
/// RMS of G1 and G2 (Fig. 5d), L1 = mean|w| and L2 = sqrt(mean w^2) of all weights (Fig. 5b),
/// and `traced` individual weights and gains per layer (Figs. 13-15, 17), chosen from `baseline`.
public enum TwoLayerColumns {
    public static func describe(_ net: TwoLayerNetwork, trajectory: Trajectory, baseline: Trajectory,
                                traced: Int) -> [SeriesColumn] {
        let steps = trajectory.steps, n = trajectory.stateCount, m = trajectory.controlCount
        let controls = trajectory.controls
        let h1 = net.hidden * net.inputs
        let c1 = net.gain1Range, c2 = net.gain2Range
        var g1 = [Double](repeating: 0, count: steps), g2 = g1, l1 = g1, l2 = g1
        for i in 0..<steps {
            var a = 0.0, b = 0.0
            for k in c1 { let v = controls[i * m + k]; a += v * v }
            for k in c2 { let v = controls[i * m + k]; b += v * v }
            g1[i] = c1.isEmpty ? 0 : (a / Double(c1.count)).squareRoot()
            g2[i] = c2.isEmpty ? 0 : (b / Double(c2.count)).squareRoot()
        }
        let selection = TracedWeights(count: traced, baseline: baseline, split: h1)
        let w1 = selection.layer1, w2 = selection.layer2
        let tracedStates = w1 + w2.map { h1 + $0 }
        var traces = [[Double]](repeating: [Double](repeating: 0, count: steps), count: tracedStates.count)
        // One pass over the trajectory (recomputed when checkpointed) for the norms and the traces.
        trajectory.forEachState { i, w in
            var s1 = 0.0, s2 = 0.0
            for k in 0..<n { let x = w[k]; s1 += abs(x); s2 += x * x }
            l1[i] = s1 / Double(n)
            l2[i] = (s2 / Double(n)).squareRoot()
            for (j, index) in tracedStates.enumerated() { traces[j][i] = w[index] }
        }
        typealias Names = TwoLayerColumnNames
        var columns = [SeriesColumn(Names.gain1RMS, g1), SeriesColumn(Names.gain2RMS, g2),
                       SeriesColumn(Names.weightL1, l1), SeriesColumn(Names.weightL2, l2)]
        for (j, k) in w1.enumerated() { columns.append(SeriesColumn(Names.weights1.member(String(k)), traces[j])) }
        for (j, k) in w2.enumerated() { columns.append(SeriesColumn(Names.weights2.member(String(k)), traces[w1.count + j])) }
        func trace(_ family: ColumnFamily, _ indices: [Int], stride: Int, from data: [Double], offset: Int) {
            for j in indices {
                columns.append(SeriesColumn(family.member(String(j)), (0..<steps).map { data[$0 * stride + offset + j] }))
            }
        }
        if m > 0 {
            // Per-synapse gains sit on the traced weights; per-neuron gains (fewer) are spread evenly.
            trace(Names.gains1, c1.count == h1 ? w1 : evenlySpaced(traced, in: c1.count), stride: m, from: controls,
                  offset: c1.lowerBound)
            trace(Names.gains2, c2.count == n - h1 ? w2 : evenlySpaced(traced, in: c2.count), stride: m, from: controls,
                  offset: c2.lowerBound)
        }
        return columns
    }

    /// Up to `count` indices spread evenly over 0..<n.
    static func evenlySpaced(_ count: Int, in n: Int) -> [Int] {
        guard count > 0, n > 0 else { return [] }
        if count >= n { return Array(0..<n) }
        return (0..<count).map { $0 * n / count }
    }
}

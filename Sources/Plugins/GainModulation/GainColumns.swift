import WorkbenchKit

/// Per-step summaries of a gain-modulated two-layer network for series.csv and the figures:
/// RMS of G1 and G2 (Fig. 5d), L1 = mean|w| and L2 = sqrt(mean w^2) of all weights (Fig. 5b),
/// and a few individual weights and gains (Figs. 13-15, 17).
public enum GainColumns {
    public static func describe(_ net: TwoLayerNetwork, engine: any ValueEngine, theta: [Double], traced: Int) -> [SeriesColumn] {
        let steps = engine.steps, n = engine.stateCount, m = engine.controlCount
        let states = engine.states
        let controls = engine.controls(of: theta)
        let h1 = net.hidden * net.inputs
        let c1 = net.gain1Range, c2 = net.gain2Range
        var g1 = [Double](repeating: 0, count: steps), g2 = g1, l1 = g1, l2 = g1
        for i in 0..<steps {
            var a = 0.0, b = 0.0
            for k in c1 { let v = controls[i * m + k]; a += v * v }
            for k in c2 { let v = controls[i * m + k]; b += v * v }
            g1[i] = c1.isEmpty ? 0 : (a / Double(c1.count)).squareRoot()
            g2[i] = c2.isEmpty ? 0 : (b / Double(c2.count)).squareRoot()
            var s1 = 0.0, s2 = 0.0
            for k in 0..<n { let w = states[i * n + k]; s1 += abs(w); s2 += w * w }
            l1[i] = s1 / Double(n)
            l2[i] = (s2 / Double(n)).squareRoot()
        }
        var columns = [SeriesColumn("g1_rms", g1), SeriesColumn("g2_rms", g2),
                       SeriesColumn("weight_l1", l1), SeriesColumn("weight_l2", l2)]
        func trace(_ prefix: String, _ range: Range<Int>, stride: Int, from data: [Double], offset: Int) {
            for j in evenlySpaced(traced, in: range.count) {
                columns.append(SeriesColumn("\(prefix)_\(j)", (0..<steps).map { data[$0 * stride + offset + j] }))
            }
        }
        trace("w1", 0..<h1, stride: n, from: states, offset: 0)
        trace("w2", 0..<(n - h1), stride: n, from: states, offset: h1)
        if m > 0 {
            trace("g1", c1, stride: m, from: controls, offset: c1.lowerBound)
            trace("g2", c2, stride: m, from: controls, offset: c2.lowerBound)
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

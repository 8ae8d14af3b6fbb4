import FigureKit
import Foundation

/// Measures for the claims of the meta-learning and engagement figures (3, 4, 6, 7, 8).
extension Measure {
    /// Center in time of a curve's excess over its final value, as a fraction of the run:
    /// sum_t t max(v_t - v_end, 0) / sum_t max(v_t - v_end, 0) / n. When a task or class is
    /// engaged early and released later, this is early; sustained late engagement moves it later.
    /// The final value is where the optimization stopped, so claims order by the excess over the
    /// neutral value (`engagementCenter(_:neutral:)`) and report this one beside it.
    static func engagementCenter(_ v: [Double]) -> Double {
        guard let end = v.last, v.count > 1 else { return .nan }
        var weight = 0.0, moment = 0.0
        for (t, x) in v.enumerated() where x > end {
            weight += x - end
            moment += Double(t) * (x - end)
        }
        return weight > 0 ? moment / weight / Double(v.count) : .nan
    }

    /// Mean of the values from fraction `from` to fraction `to` of the run (NaN skipped).
    static func window(_ v: [Double], from: Double, to: Double) -> [Double] {
        let a = Int(Double(v.count) * from), b = max(a + 1, Int(Double(v.count) * to))
        return Array(v[min(a, v.count)..<min(b, v.count)])
    }

    /// Index of the smallest value.
    static func argmin(_ v: [Double]) -> Int { v.indices.min { v[$0] < v[$1] } ?? 0 }
}

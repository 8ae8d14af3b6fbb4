import FigureKit
import Foundation

/// Measures the gain-modulation figures' claims are written with (Figs. 5, 11-17, 20, 21).
extension Measure {
    /// The first index at which the curve has done `share` of its fall from its first value to
    /// its last (a learning curve's "time to halfway" with 0.5), or nil for a flat curve.
    static func timeToFall(_ v: [Double], share: Double) -> Int? {
        guard let first = v.first, let last = v.last, first > last else { return nil }
        let level = first - share * (first - last)
        return v.firstIndex { $0 <= level }
    }

    /// The last index at which the curve is further than `tolerance` x its total change from its
    /// final value: after it, the curve has settled. 0 when it never moves.
    static func settledFrom(_ v: [Double], tolerance: Double) -> Int {
        guard let first = v.first, let last = v.last else { return 0 }
        let span = max(abs(first - last), (v.max() ?? last) - (v.min() ?? last))
        guard span > 0 else { return 0 }
        return (v.lastIndex { abs($0 - last) > tolerance * span } ?? -1) + 1
    }

    /// Time center of a non-negative curve: sum t v(t) / sum v(t), NaN skipped.
    static func timeCenter(_ v: [Double]) -> Double {
        var num = 0.0, den = 0.0
        for (t, x) in v.enumerated() where !x.isNaN { num += Double(t) * x; den += x }
        return den > 0 ? num / den : .nan
    }

    /// Mean of |v| over indices lo..<hi (clamped to the array).
    static func meanAbs(_ v: [Double], _ range: Range<Int>) -> Double {
        let r = max(0, range.lowerBound)..<min(v.count, range.upperBound)
        return r.isEmpty ? .nan : mean(r.map { abs(v[$0]) })
    }

    /// Median of the values (NaN skipped).
    static func median(_ v: [Double]) -> Double {
        let s = v.filter { !$0.isNaN }.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Relative difference |a - b| / max(|a|, |b|).
    static func relativeGap(_ a: Double, _ b: Double) -> Double {
        let m = max(abs(a), abs(b))
        return m > 0 ? abs(a - b) / m : 0
    }

    /// Every other element from `start`: the switches into the same task when two tasks alternate.
    static func alternate<T>(_ v: [T], from start: Int) -> [T] {
        stride(from: start, to: v.count, by: 2).map { v[$0] }
    }
}

extension Measure {
    /// Indices of the curve's bumps: values at least `minHeight` that are the largest within
    /// `halfWidth` samples either side (NaN skipped), so a wiggle on a slope is no bump.
    static func peaks(_ v: [Double], minHeight: Double, halfWidth: Int) -> [Int] {
        v.indices.filter { i in
            guard !v[i].isNaN, v[i] >= minHeight else { return false }
            let lo = max(0, i - halfWidth), hi = min(v.count - 1, i + halfWidth)
            // The first of equal maxima counts, so a flat top is one bump.
            return (lo...hi).allSatisfy { j in v[j].isNaN || v[j] < v[i] || (v[j] == v[i] && j >= i) }
        }
    }
}

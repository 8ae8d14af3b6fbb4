import Foundation

/// How an axis maps data to position.
public enum Scale: Sendable, Equatable {
    case linear, log

    func forward(_ v: Double) -> Double { self == .log ? log10(v) : v }
    func inverse(_ u: Double) -> Double { self == .log ? pow(10, u) : u }
}

/// Tick positions for an axis: labeled majors and unlabeled minors.
public struct TickSet: Equatable, Sendable {
    public var major: [Double]
    public var minor: [Double]
}

/// "Nice" tick positions. Linear axes step by 1, 2 or 5 times a power of ten; log axes put
/// majors on decades (thinned to every k-th decade when crowded) and minors on 2...9.
public enum TickLocator {
    /// At most `maxTicks` ticks inside [lower, upper] with the smallest 1-2-5 step that fits.
    /// `integerOnly` forbids steps below 1 (cell indices of a heatmap).
    public static func linear(lower: Double, upper: Double, maxTicks: Int, integerOnly: Bool = false) -> [Double] {
        let lo = min(lower, upper), hi = max(lower, upper)
        guard lo.isFinite, hi.isFinite, hi > lo, maxTicks >= 1 else { return lo.isFinite ? [lo] : [] }
        // log10 of the span from halves: hi - lo overflows for limits near ±1.7e308.
        let logSpan = log10(hi / 2 - lo / 2) + log10(2.0)
        var exponent = floor(logSpan - log10(Double(max(maxTicks, 1)))) - 1
        while true {
            for m in [1.0, 2.0, 5.0] {
                let step = m * pow(10, exponent)
                // No finite step fits (one tick wanted across a span beyond 1e308): the ends say enough.
                guard step.isFinite else { return [lo, hi] }
                if integerOnly && step < 1 { continue }
                let first = ceil(lo / step - 1e-9), last = floor(hi / step + 1e-9)
                if last - first + 1 <= Double(maxTicks) {
                    return stride(from: first, through: last, by: 1).map { clean($0 * step, step: step) }
                }
            }
            exponent += 1
        }
    }

    /// Decade majors (every `decadeStride`-th decade, chosen so at most `maxTicks` remain) and
    /// 2...9 minors. Spans under about two decades fall back to 1-2-5 majors so the axis
    /// still has several labeled ticks.
    public static func log(lower: Double, upper: Double, maxTicks: Int) -> TickSet {
        let lo = min(lower, upper), hi = max(lower, upper)
        guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return TickSet(major: lo > 0 ? [lo] : [], minor: []) }
        let a = log10(lo), b = log10(hi)
        let firstDecade = Int(ceil(a - 1e-9)), lastDecade = Int(floor(b + 1e-9))
        let decadeCount = lastDecade - firstDecade + 1
        var minor: [Double] = []
        for d in Int(floor(a))...Int(ceil(b)) {
            for m in 2...9 {
                let v = Double(m) * pow(10, Double(d))
                // hi * (1 + 1e-9) is infinite for hi near 1.8e308: keep minors finite.
                if v.isFinite && v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { minor.append(v) }
            }
        }
        if decadeCount < 2 {
            // Under two decades: label 1, 2, 5 (or every minor when that is still too few).
            for multipliers in [[1.0, 2.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]] {
                var major: [Double] = []
                for d in Int(floor(a))...Int(ceil(b)) {
                    for m in multipliers {
                        let v = m * pow(10, Double(d))
                        if v.isFinite && v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { major.append(v) }
                    }
                }
                if major.count >= 3 || multipliers.count == 9 {
                    if major.count > maxTicks { major = stride(from: 0, to: major.count, by: (major.count + maxTicks - 1) / maxTicks).map { major[$0] } }
                    return TickSet(major: major, minor: minor.filter { !major.contains($0) })
                }
            }
        }
        var strideBy = max(1, Int((Double(decadeCount) / Double(max(maxTicks, 1))).rounded(.up)))
        // Over a hundred decades (1e-300..1e300) a stride like 62 reads badly: round it up to 1, 2 or 5 x 10^k.
        if strideBy > 10 {
            let power = Int(pow(10, floor(log10(Double(strideBy)))))
            strideBy = [1, 2, 5, 10].map { $0 * power }.first { $0 >= strideBy }!
        }
        // Anchor the stride on multiples of it (10^0, 10^-3, 10^-6 ...) so labels look regular.
        let start = Int((Double(firstDecade) / Double(strideBy)).rounded(.up)) * strideBy
        let major = stride(from: start, through: lastDecade, by: strideBy).map { pow(10, Double($0)) }
        // With thinned decades the skipped decades become minors; 2..9 would be too dense.
        if strideBy > 10 {
            // Hundreds of decade minors would merge into a solid bar along the axis.
            return TickSet(major: major, minor: [])
        }
        if strideBy > 1 {
            let decadesAsMinor = (firstDecade...lastDecade).map { pow(10, Double($0)) }.filter { !major.contains($0) }
            return TickSet(major: major, minor: decadesAsMinor)
        }
        return TickSet(major: major, minor: minor)
    }

    /// Snaps k*step to the grid so 0.1*3 prints as 0.3, and turns -0 into 0.
    static func clean(_ v: Double, step: Double) -> Double {
        let r = (v / step).rounded() * step
        let digits = max(0, -Int(floor(log10(step))) + 2)
        let p = pow(10, Double(min(digits, 15)))
        let snapped = (r * p).rounded() / p
        return snapped == 0 ? 0 : snapped
    }
}

/// Tick label text. Labels use the Unicode minus and `^{...}` superscripts, which the
/// canvas draws as raised smaller text (like matplotlib's mathtext).
public enum TickFormatter {
    /// Labels for linear ticks. Very large or very small magnitudes are divided by a common
    /// power of ten returned as `multiplier`, to be shown once at the axis end ("×10^{4}").
    public static func linear(_ values: [Double]) -> (labels: [String], multiplier: Int?) {
        let maxAbs = values.map(abs).max() ?? 0
        var scaled = values
        var multiplier: Int? = nil
        if maxAbs > 0 && (maxAbs >= 1e4 || maxAbs < 1e-2) {
            let e = Int(floor(log10(maxAbs)))
            multiplier = e
            scaled = values.map { $0 / pow(10, Double(e)) }
        }
        let decimals = decimalsNeeded(scaled)
        return (scaled.map { fixed($0, decimals) }, multiplier)
    }

    /// Labels for log ticks: decades as 10^{k}; other values in plain decimals when short.
    public static func log(_ values: [Double]) -> [String] {
        values.map { v in
            let e = log10(v)
            if abs(e - e.rounded()) < 1e-9 { return "10^{\(minusSign(Int(e.rounded())))}" }
            if v >= 1e-3 && v < 1e4 { return fixed(v, decimalsNeeded([v])) }
            let k = Int(floor(e))
            let m = v / pow(10, Double(k))
            return "\(fixed(m, decimalsNeeded([m])))×10^{\(minusSign(k))}"
        }
    }

    /// The fewest decimals (0...10) that print every value exactly to 1e-6 relative.
    static func decimalsNeeded(_ values: [Double]) -> Int {
        for d in 0...10 {
            let p = pow(10, Double(d))
            if values.allSatisfy({ abs(($0 * p).rounded() - $0 * p) < 1e-6 * max(1, abs($0 * p)) }) { return d }
        }
        return 10
    }

    static func fixed(_ v: Double, _ decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", v)
        if s.hasPrefix("-") {
            // "-0.0" after rounding is zero, not a negative number.
            if Double(s) == 0 { s.removeFirst() } else { s = "\u{2212}" + s.dropFirst() }
        }
        return s
    }

    /// Typographic minus for a formatted number, as matplotlib prints it.
    static func plainMinus(_ s: String) -> String {
        s.hasPrefix("-") ? "\u{2212}" + s.dropFirst() : s
    }

    static func minusSign(_ k: Int) -> String { k < 0 ? "\u{2212}\(-k)" : "\(k)" }
}

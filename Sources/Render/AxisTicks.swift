import Foundation

/// The ticks of one axis as drawn: positions, their labels, minor positions and the shared
/// power of ten shown once at the axis end.
struct AxisTicks {
    var major: [Double] = []
    var labels: [String] = []
    var minor: [Double] = []
    var multiplier: Int?

    var multiplierLabel: String? { multiplier.map { "×10^{\(TickFormatter.minusSign($0))}" } }

    /// Chooses ticks for an axis `length` points long, dropping to fewer ticks until the
    /// labels no longer touch (`extent` gives a label's size along the axis).
    static func make(range: ClosedRange<Double>, scale: Scale, length: Double, manual: [Double]?,
                     manualLabels: [String]?, integerOnly: Bool, horizontal: Bool,
                     extent: (String) -> Double, gap: Double, fontSize: Double,
                     sparse: Bool = false) -> AxisTicks {
        func pos(_ v: Double) -> Double { scale.fraction(v, lower: range.lowerBound, upper: range.upperBound) * length }
        func fits(_ values: [Double], _ labels: [String]) -> Bool {
            let shown = zip(values, labels).filter { !$0.1.isEmpty }
            for i in shown.indices.dropFirst() {
                let need = (extent(shown[i - 1].1) + extent(shown[i].1)) / 2 + gap
                if abs(pos(shown[i].0) - pos(shown[i - 1].0)) < need { return false }
            }
            return true
        }
        let lo = min(range.lowerBound, range.upperBound), hi = max(range.lowerBound, range.upperBound)
        let slack = 2e-9 * (hi / 2 - lo / 2)   // halves: hi - lo overflows near ±1.7e308
        let inside: (Double) -> Bool = { $0 >= lo - slack && $0 <= hi + slack }

        if let manual {
            var ticks = AxisTicks()
            let pairs = manual.enumerated().filter { inside($0.element) }
            ticks.major = pairs.map(\.element)
            if let manualLabels {
                ticks.labels = pairs.map { $0.offset < manualLabels.count ? manualLabels[$0.offset] : "" }
            } else if scale == .log {
                ticks.labels = TickFormatter.log(ticks.major)
            } else {
                (ticks.labels, ticks.multiplier) = TickFormatter.linear(ticks.major)
            }
            // Thin crowded hand-given labels by keeping every k-th one; the ticks stay.
            var k = 1
            let all = ticks.labels
            while !fits(ticks.major, ticks.labels) && k < all.count {
                k += 1
                ticks.labels = all.enumerated().map { $0.offset % k == 0 ? $0.element : "" }
            }
            return ticks
        }

        // matplotlib's density: a tick per ~3 label heights along x, ~2 along y, at most ~10;
        // colorbars are `sparse` (short bars read better with fewer labels).
        let spacing = (horizontal || sparse ? 3.0 : 2.0) * fontSize
        var maxTicks = min(10, max(3, Int(length / spacing) + 1))
        while true {
            var ticks = AxisTicks()
            if scale == .log {
                let set = TickLocator.log(lower: lo, upper: hi, maxTicks: maxTicks)
                ticks.major = set.major; ticks.minor = set.minor
                ticks.labels = TickFormatter.log(set.major)
            } else {
                ticks.major = TickLocator.linear(lower: lo, upper: hi, maxTicks: maxTicks, integerOnly: integerOnly)
                (ticks.labels, ticks.multiplier) = TickFormatter.linear(ticks.major)
            }
            if maxTicks <= 2 || fits(ticks.major, ticks.labels) { return ticks }
            maxTicks -= 1
        }
    }
}

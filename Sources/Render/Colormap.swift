import Foundation

/// A colormap: evenly spaced color stops, interpolated linearly in sRGB.
public struct Colormap: Sendable {
    public let name: String
    let stops: [Color]

    public init(name: String, stops: [Color]) {
        precondition(stops.count >= 2, "a colormap needs at least two stops")
        self.name = name; self.stops = stops
    }

    /// Color for t in 0...1 (clamped; NaN maps to transparent so missing cells stay blank).
    public func color(at t: Double) -> Color {
        guard t.isFinite else { return Color(1, 1, 1, alpha: 0) }
        let u = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(u), stops.count - 2)
        let f = u - Double(i)
        let a = stops[i], b = stops[i + 1]
        return Color(a.red + (b.red - a.red) * f, a.green + (b.green - a.green) * f, a.blue + (b.blue - a.blue) * f)
    }

    public func reversed() -> Colormap { Colormap(name: name + "_r", stops: stops.reversed()) }

    /// matplotlib's viridis sampled at 11 points: perceptually uniform for sweeps and matrices.
    public static let viridis = Colormap(name: "viridis", stops: [
        "#440154", "#482576", "#414487", "#35608d", "#2a788e", "#21908c",
        "#22a884", "#43bf71", "#7ad151", "#bbdf27", "#fde725",
    ].map { Color(hex: $0) })

    /// ColorBrewer/matplotlib RdBu (red for low, blue for high).
    public static let rdBu = Colormap(name: "RdBu", stops: [
        "#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7",
        "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061",
    ].map { Color(hex: $0) })

    /// The usual diverging map for signed matrices: blue negative, white zero, red positive.
    public static let diverging = rdBu.reversed()
}

/// Maps data values onto 0...1 for a colormap, linearly or by decades.
public struct ColorScale: Equatable, Sendable {
    public var lower: Double, upper: Double
    public var log: Bool

    public init(lower: Double, upper: Double, log: Bool = false) {
        self.lower = lower; self.upper = upper; self.log = log
    }

    public func normalized(_ v: Double) -> Double {
        guard v.isFinite else { return .nan }
        if log {
            guard v > 0 else { return 0 }
            let a = Foundation.log10(lower), b = Foundation.log10(upper)
            return b > a ? (Foundation.log10(v) - a) / (b - a) : 0.5
        }
        return upper > lower ? (v - lower) / (upper - lower) : 0.5
    }
}

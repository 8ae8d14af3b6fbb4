import Foundation

/// An sRGB color with straight (not premultiplied) alpha, components in 0...1.
public struct Color: Equatable, Hashable, Sendable {
    public var red: Double, green: Double, blue: Double, alpha: Double

    public init(_ red: Double, _ green: Double, _ blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// `"#1f77b4"` or `"1f77b4"`; malformed input is a programming error in a literal, so it traps.
    public init(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let v = UInt32(digits, radix: 16) else {
            preconditionFailure("Color(hex:) expects six hex digits like #1f77b4, got \(hex)")
        }
        self.init(Double((v >> 16) & 0xFF) / 255, Double((v >> 8) & 0xFF) / 255, Double(v & 0xFF) / 255)
    }

    public func withAlpha(_ a: Double) -> Color { Color(red, green, blue, alpha: a) }

    /// Relative luminance (sRGB, linearized): chooses black or white text over a fill.
    public var luminance: Double {
        func lin(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * lin(red) + 0.7152 * lin(green) + 0.0722 * lin(blue)
    }

    /// Black or white, whichever reads better on top of this color.
    public var contrastingText: Color { luminance > 0.35 ? .black : .white }

    public static let black = Color(0, 0, 0)
    public static let white = Color(1, 1, 1)
    public static let gray = Color(0.5, 0.5, 0.5)

    /// matplotlib's default cycle, so figures read like the paper's ('C0' = tab10 blue).
    public static let tab10: [Color] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ].map { Color(hex: $0) }

    /// matplotlib's 'C<n>' color.
    public static func C(_ n: Int) -> Color { tab10[((n % 10) + 10) % 10] }
}

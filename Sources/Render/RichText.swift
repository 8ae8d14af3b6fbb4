/// Minimal markup for labels: `x^{2}` raises, `g_{1}` lowers, at 70% size. Enough for
/// tick decades (10^{-3}) and parameter names without a TeX engine.
struct TextRun: Equatable {
    enum Shift { case none, superscript, `subscript` }
    var text: String
    var shift: Shift
}

enum RichText {
    static let scriptScale = 0.7

    static func parse(_ s: String) -> [TextRun] {
        var runs: [TextRun] = []
        var current = ""
        var chars = Array(s)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if (c == "^" || c == "_"), chars.first == "{", let close = chars.firstIndex(of: "}") {
                if !current.isEmpty { runs.append(TextRun(text: current, shift: .none)); current = "" }
                let inner = String(chars[chars.index(after: chars.startIndex)..<close])
                runs.append(TextRun(text: inner, shift: c == "^" ? .superscript : .subscript))
                chars = chars[chars.index(after: close)...]
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { runs.append(TextRun(text: current, shift: .none)) }
        return runs
    }

    /// The text with markup removed, for CSV headers and PNG metadata.
    static func plain(_ s: String) -> String {
        parse(s).map { $0.shift == .superscript ? "^" + $0.text : $0.shift == .subscript ? "_" + $0.text : $0.text }.joined()
    }
}

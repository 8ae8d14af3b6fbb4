import Foundation

/// The figure's numbers as one CSV: a column per panel, series and coordinate, named
/// `<panel>_<series>_<x|y|lower|upper|...>`; shorter columns are padded with empty cells.
extension Figure {
    /// The columns of `dataCSV()`, in order, each as its name and its cells (numbers written
    /// exactly as in the CSV, so a check over these is a check over the file).
    public func dataColumns() -> [(name: String, cells: [String])] {
        var columns: [(String, [String])] = []
        var used = Set<String>()
        func add(_ name: String, _ values: [String]) {
            var n = name, k = 2
            while used.contains(n) { n = "\(name)_\(k)"; k += 1 }
            used.insert(n); columns.append((n, values))
        }
        func num(_ v: [Double]) -> [String] { v.map(CSV.number) }
        for (i, axes) in panels.enumerated() {
            let p = panelName(i)
            for item in axes.items {
                let s = dataSeriesName(panel: p, label: item.name)
                switch item {
                case .line(let l): add(s + "_x", num(l.x)); add(s + "_y", num(l.y))
                case .band(let b): add(s + "_x", num(b.x)); add(s + "_lower", num(b.lower)); add(s + "_upper", num(b.upper))
                case .refLine(let r): add(s + (r.vertical ? "_x" : "_y"), [CSV.number(r.value)])
                case .scatter(let sc):
                    add(s + "_x", num(sc.x)); add(s + "_y", num(sc.y))
                    if let labels = sc.pointLabels { add(s + "_label", labels) }
                case .heatmap(let h):
                    // One column per matrix column; row r of the CSV is row r of the matrix.
                    let width = h.matrix.map(\.count).max() ?? 0
                    for c in 0..<width { add(s + "_col\(c)", h.matrix.map { c < $0.count ? CSV.number($0[c]) : "" }) }
                case .lineFamily(let f):
                    add(s + "_x", num(f.x))
                    for (y, param) in zip(f.ys, f.parameters) { add(s + "_\(CSV.number(param))", num(y)) }
                }
            }
        }
        return columns.map { (name: $0.0, cells: $0.1) }
    }

    public func dataCSV() -> String {
        let columns = dataColumns()
        let rows = columns.map(\.cells.count).max() ?? 0
        var out = columns.map { CSV.quote($0.name) }.joined(separator: ",") + "\n"
        for r in 0..<rows {
            out += columns.map { r < $0.cells.count ? CSV.quote($0.cells[r]) : "" }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Writes `dataCSV()` atomically.
    public func writeData(to url: URL) throws {
        try FigureFiles.write(Data(dataCSV().utf8), to: url, what: "figure data")
    }
}

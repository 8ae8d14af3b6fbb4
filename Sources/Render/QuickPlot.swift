import Foundation

/// Draws columns `y` of a CSV against column `x` as lines in one panel and writes the
/// figure to `out` (png/svg/pdf by extension, with its data CSV beside it).
/// This is what `workbench plot FILE.csv --x COL --y COL[,COL...] [--logy] --out FILE` runs.
public func quickPlot(csv: String, x: String, y: [String], logY: Bool = false, out: String,
                      metadata: [String: String] = [:]) throws {
    guard !y.isEmpty else { throw RenderError("quick plot of \(csv): no y columns given; expected at least one") }
    let table = try CSVTable(path: csv)
    let xs = try table.numbers(x)
    let fig = Figure(width: 6.4, height: 4.4)
    let axes = fig[0, 0]
    axes.xLabel = x
    axes.yLabel = y.count == 1 ? y[0] : nil
    axes.yScale = logY ? .log : .linear
    axes.title = URL(fileURLWithPath: csv).lastPathComponent
    for column in y {
        let ys = try table.numbers(column)
        if logY, let i = ys.firstIndex(where: { $0 <= 0 }) {
            throw RenderError("CSV \(csv) line \(i + 2), column '\(column)': \(ys[i]) cannot be shown on a log y axis; expected values > 0 or no --logy")
        }
        axes.line(xs, ys, label: y.count > 1 ? column : nil)
    }
    var meta = metadata
    meta["Source"] = meta["Source"] ?? csv
    try fig.write(to: URL(fileURLWithPath: out), metadata: meta)
}

import Foundation

/// Draws columns `y` of a CSV against column `x` as lines in one panel and writes the
/// figure to `out` (png/svg/pdf by extension, with its data CSV beside it).
/// This is what `workbench plot FILE.csv --x COL --y COL[,COL...] [--logy] --out FILE` runs.
/// It never writes over its input: `plot s_data.csv ... --out s.png` would put the figure's
/// data CSV on `s_data.csv`, so it is refused before anything is drawn.
public func quickPlot(csv: String, x: String, y: [String], logY: Bool = false, out: String,
                      metadata: [String: String] = [:]) throws {
    guard !y.isEmpty else { throw RenderError("quick plot of \(csv): no y columns given; expected at least one") }
    let outURL = URL(fileURLWithPath: out)
    for (target, what) in [(outURL, "--out \(out)"), (Figure.dataURL(for: outURL), "the data CSV of --out \(out)")]
    where SamePath.same(target.path, csv) {
        throw RenderError("quick plot of \(csv): \(what) would be written to \(target.path), which is the input; expected another --out (neither it nor its <name>_data.csv may be the input)")
    }
    let table = try CSVTable(path: csv)
    guard !table.rows.isEmpty else {
        throw RenderError("CSV \(csv) has a header but no data rows; expected at least one row of numbers to plot")
    }
    let xs = try table.numbers(x)
    let fig = Figure(width: 6.4, height: 4.4)
    let axes = fig[0, 0]
    axes.xLabel = x
    axes.yLabel = y.count == 1 ? y[0] : nil
    axes.yScale = logY ? .log : .linear
    axes.title = URL(fileURLWithPath: csv).lastPathComponent
    var points = 0
    for column in y {
        let ys = try table.numbers(column)
        if logY, let i = ys.firstIndex(where: { $0 <= 0 }) {
            throw RenderError("CSV \(csv) line \(i + 2), column '\(column)': \(ys[i]) cannot be shown on a log y axis; expected values > 0 or no --logy")
        }
        points += zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }.count
        axes.line(xs, ys, label: y.count > 1 ? column : nil)
    }
    guard points > 0 else {
        throw RenderError("CSV \(csv): no row has finite numbers in both '\(x)' and \(y.map { "'\($0)'" }.joined(separator: ", ")); expected at least one point to plot")
    }
    var meta = metadata
    meta["Source"] = meta["Source"] ?? csv
    try fig.write(to: outURL, metadata: meta)
}

import XCTest
import Render

final class CSVTests: XCTestCase {
    func testFigureDataNamesColumnsByPanelAndSeriesAndPadsShortColumns() throws {
        let fig = Figure(rows: 1, cols: 2)
        fig[0, 0].line([0, 1, 2], [3, 4, 5], label: "Loss control")
        fig[0, 0].band([0, 1, 2], lower: [2, 3, 4], upper: [4, 5, 6], label: "±2 std")
        fig[0, 1].scatter([1], [2], pointLabels: ["Oja, 1982"], label: "rules")
        fig[0, 1].hline(0.5)
        let table = try CSVTable(text: fig.dataCSV())
        XCTAssertEqual(table.header, ["a_loss_control_x", "a_loss_control_y", "a_2_std_x", "a_2_std_lower", "a_2_std_upper",
                                      "b_rules_x", "b_rules_y", "b_rules_label", "b_hline_y"])
        XCTAssertEqual(table.rows.count, 3)
        XCTAssertEqual(try table.numbers("a_loss_control_y"), [3, 4, 5])
        XCTAssertEqual(table.rows[0][7], "Oja, 1982", "quoted field with a comma survives")
        let padded = try table.numbers("b_rules_x")
        XCTAssertEqual(padded[0], 1)
        XCTAssertTrue(padded[1].isNaN && padded[2].isNaN, "short columns are padded with empty cells")
    }

    func testWriteAlsoWritesDataBesideTheImage() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure()
        fig[0, 0].lines([0, 1], [[1, 2], [3, 4]], parameters: [0.5, 0.9], name: "gamma")
        let written = try fig.write(to: dir.appendingPathComponent("sweep.svg"))
        XCTAssertEqual(written.map(\.lastPathComponent), ["sweep.svg", "sweep_data.csv"])
        let table = try CSVTable(path: written[1].path)
        XCTAssertEqual(table.header, ["a_gamma_x", "a_gamma_0.5", "a_gamma_0.9"])
    }

    func testUnknownColumnListsTheValidOnes() throws {
        let table = try CSVTable(text: "t,loss\n0,1\n", path: "run.csv")
        assertThrowsRenderError(try table.numbers("los"), containing: ["run.csv", "'los'", "t, loss"])
    }

    func testNonNumericCellIsNamedByLineAndColumn() throws {
        let table = try CSVTable(text: "t,loss\n0,1\n1,abc\n", path: "run.csv")
        assertThrowsRenderError(try table.numbers("loss"), containing: ["run.csv", "line 3", "'loss'", "'abc'"])
    }

    func testQuickPlotDrawsTheColumnsAndKeepsTheInput() throws {
        let dir = try temporaryDirectory(self)
        let csv = dir.appendingPathComponent("series.csv")
        let text = "t,loss_baseline,loss_control\n" + (0..<50).map { "\($0),\(exp(-Double($0) / 20)),\(exp(-Double($0) / 8))" }.joined(separator: "\n") + "\n"
        try text.write(to: csv, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("series.png")
        try quickPlot(csv: csv.path, x: "t", y: ["loss_baseline", "loss_control"], logY: true, out: out.path)
        XCTAssertEqual(try String(contentsOf: csv, encoding: .utf8), text, "the input CSV is never overwritten")
        let img = try PNGImage.read(out.path)
        XCTAssertEqual(img.text["Source"], csv.path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("series_data.csv").path))
        assertThrowsRenderError(try quickPlot(csv: csv.path, x: "time", y: ["loss_control"], out: out.path),
                                containing: ["'time'", "t, loss_baseline, loss_control"])
    }

    func testQuickPlotLogYRejectsNonPositiveCells() throws {
        let dir = try temporaryDirectory(self)
        let csv = dir.appendingPathComponent("r.csv")
        try "x,y\n0,1\n1,0\n".write(to: csv, atomically: true, encoding: .utf8)
        assertThrowsRenderError(try quickPlot(csv: csv.path, x: "x", y: ["y"], logY: true, out: dir.appendingPathComponent("r.png").path),
                                containing: ["line 3", "'y'", "log"])
    }
}

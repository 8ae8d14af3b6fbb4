import XCTest
import Render

final class PNGOutputTests: XCTestCase {
    func testLinePixelsLandWhereTheTransformSays() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure(width: 4, height: 3, dpi: 100)
        let red = Color(1, 0, 0)
        fig[0, 0].line([0, 1], [0.5, 0.5], color: red, width: 6)
        fig[0, 0].line([0, 1], [0, 1], color: .C(0), width: 6)
        let url = dir.appendingPathComponent("line.png")
        try fig.write(to: url)

        let img = try PNGImage.read(url.path)
        XCTAssertEqual(img.width, 400)
        XCTAssertEqual(img.height, 300)
        let p = try fig.pixel(row: 0, col: 0, x: 0.25, y: 0.5)
        assertColor(img.color(x: Int(p.x), y: Int(p.y)), near: red, "horizontal line at (0.25, 0.5)")
        let q = try fig.pixel(row: 0, col: 0, x: 0.8, y: 0.8)
        assertColor(img.color(x: Int(q.x), y: Int(q.y)), near: .C(0), "diagonal line at (0.8, 0.8)")
        // Between the two lines nothing is drawn: background stays white.
        let empty = try fig.pixel(row: 0, col: 0, x: 0.2, y: 0.9)
        assertColor(img.color(x: Int(empty.x), y: Int(empty.y)), near: .white, "empty area")
    }

    func testHeatmapCellsHaveTheirColormapColor() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure(width: 4, height: 4)
        let m: [[Double]] = [[0, 1, 2], [3, 4, 5]]
        fig[0, 0].heatmap(m, colormap: .viridis)
        let url = dir.appendingPathComponent("heat.png")
        try fig.write(to: url)
        let img = try PNGImage.read(url.path)
        for (r, row) in m.enumerated() {
            for (c, v) in row.enumerated() {
                // Row 0 is the top row, as in imshow.
                let p = try fig.pixel(row: 0, col: 0, x: Double(c), y: Double(r))
                assertColor(img.color(x: Int(p.x), y: Int(p.y)), near: Colormap.viridis.color(at: v / 5), "cell (\(r), \(c))")
            }
        }
        let top = try fig.pixel(row: 0, col: 0, x: 0, y: 0), bottom = try fig.pixel(row: 0, col: 0, x: 0, y: 1)
        XCTAssertLessThan(top.y, bottom.y)
    }

    func testImageIsNotBlankAndHasTextInk() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure(width: 3, height: 2)
        fig[0, 0].line([1, 2, 3], [3, 1, 2])
        fig[0, 0].xLabel = "time"
        let url = dir.appendingPathComponent("ink.png")
        try fig.write(to: url)
        let img = try PNGImage.read(url.path)
        var dark = 0, colored = 0
        for i in stride(from: 0, to: img.rgba.count, by: 4) {
            let (r, g, b) = (Int(img.rgba[i]), Int(img.rgba[i + 1]), Int(img.rgba[i + 2]))
            if r + g + b < 200 { dark += 1 }
            if abs(r - b) > 60 { colored += 1 }
        }
        XCTAssertGreaterThan(dark, 300, "spines, ticks and labels should be drawn in black")
        XCTAssertGreaterThan(colored, 300, "the C0 line should be drawn")
    }

    func testPNGCarriesSoftwareTitleAndProvenanceTextChunks() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure()
        fig.title = "Loss with γ sweep"
        fig[0, 0].line([0, 1], [1, 0])
        let url = dir.appendingPathComponent("meta.png")
        try fig.write(to: url, metadata: ["experiment": "gain", "gamma": "γ=0.99", "seed": "7"])
        let img = try PNGImage.read(url.path)
        XCTAssertEqual(img.text["Software"]?.hasPrefix("workbench Render"), true)
        XCTAssertEqual(img.text["Title"], "Loss with γ sweep")
        XCTAssertEqual(img.text["experiment"], "gain")
        XCTAssertEqual(img.text["gamma"], "γ=0.99", "non-ASCII values travel in iTXt as UTF-8")
        XCTAssertEqual(img.text["seed"], "7")
    }

    func testDpiScalesThePixelSize() throws {
        let fig = Figure(width: 2, height: 1, dpi: 300)
        fig[0, 0].line([0, 1], [0, 1])
        XCTAssertEqual(fig.pixelSize.width, 600)
        XCTAssertEqual(fig.pixelSize.height, 300)
    }
}

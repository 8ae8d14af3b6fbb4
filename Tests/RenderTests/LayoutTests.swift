import XCTest
@testable import Render

final class LayoutTests: XCTestCase {
    func testBestLegendAvoidsTheData() throws {
        let fig = Figure()
        let axes = fig[0, 0]
        // Data runs along the top and the upper-right corner; the free space is low.
        let x = (0...100).map { Double($0) / 100 }
        axes.yLimits = 0...1
        axes.line(x, x.map { 0.95 - 0.1 * $0 }, label: "high")
        axes.line(x, x.map { 0.8 + 0.15 * $0 * $0 }, label: "rising")
        axes.scatter([0.95], [0.3], label: "point")
        let (layout, box) = try Raster.withMeasuringCanvas(fig) { c -> (PanelLayout, Rect) in
            let p = FigureLayout.compute(fig, canvas: c)[0]
            return (p, Legend.place(w: 60, h: 40, axes: axes, p: p, style: Style(base: fig.fontSize)))
        }
        XCTAssertLessThan(box.midX, layout.frame.x + layout.frame.width / 2, "the point blocks lower right")
        XCTAssertGreaterThan(box.midY, layout.frame.y + layout.frame.height / 2, "legend should sit low")
        XCTAssertEqual(Legend.badness(box, Legend.dataPolylines(axes, layout.transform)), 0)
    }

    func testLongLegendsUseTwoColumnsFilledColumnByColumn() {
        XCTAssertTrue(Legend.grid(entries: 3, requestedColumns: 0) == (1, 3))
        XCTAssertTrue(Legend.grid(entries: 10, requestedColumns: 0) == (2, 5), "ten digits: two columns of five")
        XCTAssertTrue(Legend.grid(entries: 10, requestedColumns: 3) == (3, 4))
        XCTAssertTrue(Legend.grid(entries: 2, requestedColumns: 4) == (2, 1), "no empty columns")
    }

    func testPanelsOfAGridDoNotOverlapAndAlignPerRowAndColumn() throws {
        let fig = makeSampleFigure()
        let layouts = try Raster.withMeasuringCanvas(fig) { FigureLayout.compute(fig, canvas: $0) }
        for i in layouts.indices {
            for j in layouts.indices where j > i {
                XCTAssertFalse(layouts[i].frame.intersects(layouts[j].frame), "panels \(i) and \(j) overlap")
            }
            XCTAssertTrue(layouts[i].frame.x >= layouts[i].cell.x && layouts[i].frame.maxX <= layouts[i].cell.maxX)
        }
        XCTAssertEqual(layouts[0].frame.minY, layouts[2].frame.minY, accuracy: 1e-9, "a row shares its top edge")
        XCTAssertEqual(layouts[0].frame.minX - layouts[0].cell.minX, layouts[3].frame.minX - layouts[3].cell.minX,
                       accuracy: 1e-9, "a column shares its left margin")
    }

    /// A title must not touch the y axis's ×10^k label (Figs. 4h, 19a): a long title goes above
    /// it, inside the margin reserved for it; a short one stays level with its neighbours'.
    func testTitleClearsTheTickMultiplier() throws {
        let fig = Figure(rows: 1, cols: 3, width: 11, height: 3)
        fig.title = "suptitle"
        let x = (0...10).map(Double.init)
        for (k, title) in ["a rather long title spanning the whole panel width", "MNIST", "no multiplier"].enumerated() {
            fig[0, k].line(x, x.map { k == 2 ? $0 : $0 * 1e-5 })
            fig[0, k].title = title
        }
        let style = Style(base: fig.fontSize)
        // Per panel: cell, title box, ×10^k box (if any), title baseline.
        let boxes = try Raster.withMeasuringCanvas(fig) { c -> [(cell: Rect, title: Rect, mult: Rect?, baseline: Double)] in
            FigureLayout.compute(fig, canvas: c).enumerated().map { k, p in
                let f = p.frame
                let baseline = FigureLayout.titleBaseline(fig[0, k], p, canvas: c, style: style) ?? .nan
                let t = c.measure(fig[0, k].title!, size: style.titleFont)
                let title = Rect(x: f.minX + f.width / 2 - t.width / 2, y: baseline - t.ascent, width: t.width, height: t.height)
                let mult = p.yTicks.multiplierLabel.map { label -> Rect in
                    let m = c.measure(label, size: style.tickFont)
                    return Rect(x: f.minX, y: f.minY - 4 - m.height, width: m.width, height: m.height)
                }
                return (p.cell, title, mult, baseline)
            }
        }
        for (k, b) in boxes.enumerated() {
            XCTAssertGreaterThanOrEqual(b.title.minY, b.cell.minY - 1e-9, "title \(k) leaves its cell")
            if let mult = b.mult { XCTAssertFalse(b.title.intersects(mult), "title \(k) touches ×10^k") }
        }
        XCTAssertNotNil(boxes[0].mult)
        XCTAssertNil(boxes[2].mult)
        XCTAssertLessThan(boxes[0].baseline, boxes[1].baseline, "the long title is lifted")
        XCTAssertEqual(boxes[1].baseline, boxes[2].baseline, accuracy: 1e-9, "short titles stay level")
    }

    func testSampleFigureRendersEveryPanel() throws {
        let fig = makeSampleFigure()
        let url = URL(fileURLWithPath: "/tmp/render-sample.png")
        try fig.write(to: url, metadata: ["purpose": "visual check of Render"])
        let img = try PNGImage.read(url.path)
        XCTAssertEqual(img.width, 1950)
        for r in 0..<2 {
            for c in 0..<3 {
                let centre = try fig.pixel(row: r, col: c, x: fig[r, c].resolvedLimits().x.lowerBound, y: fig[r, c].resolvedLimits().y.lowerBound)
                XCTAssertTrue(centre.x > 0 && centre.y > 0 && Int(centre.x) < img.width && Int(centre.y) < img.height)
            }
        }
        // Heatmap (c): annotated cell (row 2, col 0) holds 0.97 on the diverging map: deep red.
        let cell = try fig.pixel(row: 0, col: 2, x: 0.3, y: 2.3)
        assertColor(img.color(x: Int(cell.x), y: Int(cell.y)), near: Colormap.diverging.color(at: (0.97 + 1) / 2), tolerance: 0.1, "cell")
    }
}

extension Rect {
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }
}

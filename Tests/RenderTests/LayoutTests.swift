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
        let (layout, placement) = try Raster.withMeasuringCanvas(fig) { c -> (PanelLayout, Legend.Placement) in
            let p = FigureLayout.compute(fig, canvas: c)[0]
            return (p, Legend.place(w: 60, h: 40, axes: axes, p: p, style: LayoutMetrics(base: fig.fontSize)))
        }
        let box = placement.box
        XCTAssertFalse(placement.isOutside, "a free corner is left inside")
        XCTAssertLessThan(box.midX, layout.frame.x + layout.frame.width / 2, "the point blocks lower right")
        XCTAssertGreaterThan(box.midY, layout.frame.y + layout.frame.height / 2, "legend should sit low")
        XCTAssertFalse(DataFootprint(axes, layout.transform).touches(box))
    }

    /// Two samples far apart draw a long segment: a legend between the samples still hides it.
    func testALineBetweenItsSamplesCountsAsData() throws {
        let fig = Figure()
        let axes = fig[0, 0]
        axes.line([0, 1], [1, 0], label: "diagonal")
        let (layout, box) = try Raster.withMeasuringCanvas(fig) { c -> (PanelLayout, Rect) in
            let p = FigureLayout.compute(fig, canvas: c)[0]
            return (p, p.legend!.box)
        }
        XCTAssertFalse(layout.legend!.isOutside)
        XCTAssertFalse(DataFootprint(axes, layout.transform).touches(box))
        let center = Rect(x: layout.frame.midX - 5, y: layout.frame.midY - 5, width: 10, height: 10)
        XCTAssertTrue(DataFootprint(axes, layout.transform).touches(center), "the segment runs through the middle")
    }

    /// A crowded panel (switch-like spikes from top to bottom, a band over the rest, markers):
    /// no inside spot is free, so the legend goes beside the frame, the layout makes room for it
    /// inside the cell, and it overlaps neither the data nor the neighboring panel.
    func testACrowdedPanelPutsItsLegendBesideTheFrame() throws {
        let fig = Figure(rows: 1, cols: 2, width: 9, height: 3)
        let crowded = fig[0, 0]
        let t = (0..<600).map(Double.init)
        crowded.line(t, t.map { Int($0) % 100 == 50 ? 1.0 : 0.02 * sin($0 / 7) }, label: "spikes")
        crowded.band(t, lower: t.map { 0.1 + 0.05 * sin($0 / 40) }, upper: t.map { 0.9 + 0.05 * cos($0 / 30) },
                     color: .C(1), alpha: 0.2, label: "band")
        crowded.line(t, t.map { 0.5 + 0.4 * sin($0 / 25) }, label: "wave", marker: .circle, markEvery: 20)
        fig[0, 1].line(t, t.map { $0 * $0 }, label: "quiet")
        let layouts = try Raster.withMeasuringCanvas(fig) { FigureLayout.compute(fig, canvas: $0) }
        let p = layouts[0]
        guard let legend = p.legend else { return XCTFail("the crowded panel has a legend") }
        XCTAssertTrue(legend.isOutside, "every inside spot touches the data")
        XCTAssertGreaterThan(legend.box.minX, p.frame.maxX, "beside the frame")
        XCTAssertEqual(legend.box.minY, p.frame.minY, accuracy: 1e-9, "top-aligned with the frame")
        XCTAssertLessThanOrEqual(legend.box.maxX, p.cell.maxX + 1e-9, "the layout made room in the cell")
        XCTAssertFalse(legend.box.intersects(layouts[1].frame), "it stays off the next panel")
        XCTAssertFalse(DataFootprint(crowded, p.transform).touches(legend.box))
        for candidate in Legend.candidates(w: legend.box.width, h: legend.box.height, frame: p.frame,
                                                     inset: LayoutMetrics(base: fig.fontSize).legendFont * 0.5, preferred: .best) {
            XCTAssertTrue(DataFootprint(crowded, p.transform).touches(candidate), "an inside spot \(candidate) was free")
        }
        XCTAssertEqual(layouts[1].legend?.isOutside, false, "the quiet panel keeps its legend inside")
    }

    /// A filled band counts between its samples, and a box between the band's edges is covered.
    func testABandCoversTheAreaBetweenItsEdges() {
        let slice = DataFootprint.BandSlice(x0: 0, lower0: 10, upper0: 90, x1: 100, lower1: 60, upper1: 140)
        XCTAssertTrue(DataFootprint.slice(slice, overlaps: Rect(x: 40, y: 50, width: 10, height: 10)), "inside the fill")
        XCTAssertFalse(DataFootprint.slice(slice, overlaps: Rect(x: 0, y: 100, width: 10, height: 10)), "below the fill at the left end")
        XCTAssertTrue(DataFootprint.slice(slice, overlaps: Rect(x: 0, y: 100, width: 60, height: 5)), "reaches it further right")
        XCTAssertFalse(DataFootprint.slice(slice, overlaps: Rect(x: 120, y: 0, width: 10, height: 200)), "past the slice")
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
    /// it, inside the margin reserved for it; a short one stays level with its neighbors'.
    func testTitleClearsTheTickMultiplier() throws {
        let fig = Figure(rows: 1, cols: 3, width: 11, height: 3)
        fig.title = "suptitle"
        let x = (0...10).map(Double.init)
        for (k, title) in ["a rather long title spanning the whole panel width", "MNIST", "no multiplier"].enumerated() {
            fig[0, k].line(x, x.map { k == 2 ? $0 : $0 * 1e-5 })
            fig[0, k].title = title
        }
        let style = LayoutMetrics(base: fig.fontSize)
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
                let center = try fig.pixel(row: r, col: c, x: fig[r, c].resolvedLimits().x.lowerBound, y: fig[r, c].resolvedLimits().y.lowerBound)
                XCTAssertTrue(center.x > 0 && center.y > 0 && Int(center.x) < img.width && Int(center.y) < img.height)
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

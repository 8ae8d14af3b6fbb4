import XCTest
import Render

final class ErrorTests: XCTestCase {
    func testLogAxisRejectsNonPositiveDataNamingTheSeries() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure(rows: 1, cols: 2)
        fig[0, 1].yScale = .log
        fig[0, 1].line([0, 1, 2], [1, 0, 2], label: "loss control")
        assertThrowsRenderError(try fig.write(to: dir.appendingPathComponent("f.png")),
                                containing: ["panel b", "loss control", "log y axis", "> 0"])
        let g = Figure()
        g[0, 0].xScale = .log
        g[0, 0].band([-1, 1], lower: [1, 1], upper: [2, 2], label: "spread")
        assertThrowsRenderError(try g.encoded(as: .svg), containing: ["spread", "log x axis"])
    }

    func testMismatchedLengthsAreNamed() {
        let fig = Figure()
        fig[0, 0].line([0, 1, 2], [1, 2], label: "short")
        assertThrowsRenderError(try fig.encoded(as: .png), containing: ["short", "y has 2", "x has 3"])
    }

    func testUnknownExtensionListsTheFormats() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure()
        fig[0, 0].line([0, 1], [0, 1])
        assertThrowsRenderError(try fig.write(to: dir.appendingPathComponent("f.jpg")), containing: [".png", ".svg", ".pdf", "jpg"])
    }

    func testUnwritablePathIsNamed() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure()
        fig[0, 0].line([0, 1], [0, 1])
        let target = dir.appendingPathComponent("missing/sub/f.png")
        assertThrowsRenderError(try fig.write(to: target), containing: [target.path, "does not exist"])
    }

    func testFailedWriteLeavesNoPartialOrTemporaryFile() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure()
        fig[0, 0].line([0, 1], [0, 1])
        // A directory where the file should go makes the final rename fail after the bytes
        // were written to the temporary name.
        let blocked = dir.appendingPathComponent("f.png")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
        assertThrowsRenderError(try fig.write(to: blocked), containing: [blocked.path])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["f.png"])
    }

    func testFailedRenderKeepsThePreviousFile() throws {
        let dir = try temporaryDirectory(self)
        let url = dir.appendingPathComponent("f.png")
        let good = Figure()
        good[0, 0].line([0, 1], [1, 2])
        try good.write(to: url, data: false)
        let before = try Data(contentsOf: url)
        let bad = Figure()
        bad[0, 0].yScale = .log
        bad[0, 0].line([0, 1], [-1, 2], label: "negative")
        assertThrowsRenderError(try bad.write(to: url, data: false), containing: ["negative"])
        XCTAssertEqual(try Data(contentsOf: url), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["f.png"])
    }

    func testHeatmapMustBeRectangular() {
        let fig = Figure()
        fig[0, 0].heatmap([[1, 2], [3]], label: "ragged")
        assertThrowsRenderError(try fig.encoded(as: .png), containing: ["ragged", "row 1"])
    }
}

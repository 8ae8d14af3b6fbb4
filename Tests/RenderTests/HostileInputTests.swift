import Foundation
import XCTest
@testable import Render

/// Plots of extreme or empty data, and outputs that would destroy their own input.
final class HostileInputTests: XCTestCase {
    private func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Pixels of the C0 line color (blue) in the image, by image row.
    private func lineRows(_ path: String) throws -> [Int] {
        let img = try PNGImage.read(path)
        var rows: [Int] = []
        for y in 0..<img.height {
            for x in 0..<img.width {
                let c = img.color(x: x, y: y)
                if abs(c.red - Color.C(0).red) < 0.1, abs(c.green - Color.C(0).green) < 0.1, abs(c.blue - Color.C(0).blue) < 0.1 {
                    rows.append(y); break
                }
            }
        }
        return rows
    }

    func testValuesNearTheLargestDoubleAreDrawnAcrossThePanel() throws {
        let dir = try temporaryDirectory(self)
        let csv = try write("step,a\n0,1.7e308\n1,-1.7e308\n2,1e308\n", "big.csv", in: dir)
        let out = dir.appendingPathComponent("big.png").path
        try quickPlot(csv: csv, x: "step", y: ["a"], out: out)
        let rows = try lineRows(out)
        let img = try PNGImage.read(out)
        // The line runs from near the top to near the bottom, not squashed onto one edge.
        XCTAssertGreaterThan(rows.count, img.height / 2, "the line should span most of the panel height")
        let limits = Axes.autoLimits([1.7e308, -1.7e308], scale: .linear, margin: 0.05)
        XCTAssertTrue(limits.lowerBound.isFinite && limits.upperBound.isFinite)
        XCTAssertLessThanOrEqual(limits.lowerBound, -1.7e308)
        XCTAssertGreaterThanOrEqual(limits.upperBound, 1.7e308)
        let ticks = TickLocator.linear(lower: limits.lowerBound, upper: limits.upperBound, maxTicks: 8)
        XCTAssertGreaterThanOrEqual(ticks.count, 3)
        XCTAssertTrue(ticks.allSatisfy(\.isFinite), "\(ticks)")
    }

    func testLogAxisOverSixHundredDecadesHasFiniteLimitsAndRoundDecadeTicks() throws {
        let dir = try temporaryDirectory(self)
        let csv = try write("step,a\n0,1e-300\n1,1\n2,1e300\n", "wide.csv", in: dir)
        let out = dir.appendingPathComponent("wide.png").path
        try quickPlot(csv: csv, x: "step", y: ["a"], logY: true, out: out)
        XCTAssertGreaterThan(try lineRows(out).count, try PNGImage.read(out).height / 2)
        let limits = Axes.autoLimits([1e-300, 1e300], scale: .log, margin: 0.05)
        XCTAssertTrue(limits.lowerBound > 0 && limits.upperBound.isFinite, "\(limits)")
        XCTAssertLessThanOrEqual(limits.lowerBound, 1e-300)
        XCTAssertGreaterThanOrEqual(limits.upperBound, 1e300)
        let set = TickLocator.log(lower: limits.lowerBound, upper: limits.upperBound, maxTicks: 8)
        let exponents = set.major.map { Int(log10($0).rounded()) }
        XCTAssertTrue(exponents.allSatisfy { $0 % 100 == 0 }, "decades every 100: \(exponents)")
        XCTAssertTrue(exponents.contains(-300) && exponents.contains(300), "\(exponents)")
        XCTAssertTrue(set.minor.isEmpty, "hundreds of minors would draw a solid bar")
    }

    func testHeaderOnlyCSVIsRefusedAndWritesNothing() throws {
        let dir = try temporaryDirectory(self)
        let csv = try write("step,a\n", "empty.csv", in: dir)
        let out = dir.appendingPathComponent("empty.png").path
        assertThrowsRenderError(try quickPlot(csv: csv, x: "step", y: ["a"], out: out), containing: [csv, "no data rows"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["empty.csv"])
    }

    func testColumnsWithoutAnyFinitePointAreRefused() throws {
        let dir = try temporaryDirectory(self)
        let csv = try write("step,a\n0,\n1,nan\n", "blank.csv", in: dir)
        assertThrowsRenderError(try quickPlot(csv: csv, x: "step", y: ["a"], out: dir.appendingPathComponent("b.png").path),
                                containing: [csv, "'a'", "no row has finite numbers"])
    }

    func testPlotNeverWritesItsDataCSVOverTheInput() throws {
        let dir = try temporaryDirectory(self)
        let text = "step,a,b\n0,1,2\n1,2,3\n"
        let csv = try write(text, "s_data.csv", in: dir)
        assertThrowsRenderError(try quickPlot(csv: csv, x: "step", y: ["a", "b"], out: dir.appendingPathComponent("s.png").path),
                                containing: ["s_data.csv", "is the input", "--out"])
        assertThrowsRenderError(try quickPlot(csv: csv, x: "step", y: ["a"], out: csv), containing: ["is the input"])
        // The same file reached through a symbolic link is still the input.
        let link = dir.appendingPathComponent("l_data.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: csv)
        assertThrowsRenderError(try quickPlot(csv: csv, x: "step", y: ["a"], out: dir.appendingPathComponent("l.png").path),
                                containing: ["is the input"])
        XCTAssertEqual(try String(contentsOfFile: csv, encoding: .utf8), text, "the input is untouched")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.png").path))
        // Any other name works, and writes the figure with its data CSV.
        try quickPlot(csv: csv, x: "step", y: ["a", "b"], out: dir.appendingPathComponent("t.png").path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("t_data.csv").path))
    }

    func testNonRegularInputsAreNamedAsSuch() throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("x.png").path
        assertThrowsRenderError(try quickPlot(csv: dir.path, x: "a", y: ["b"], out: out), containing: [dir.path, "not a regular file", "directory"])
        let fifo = dir.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        assertThrowsRenderError(try quickPlot(csv: fifo, x: "a", y: ["b"], out: out), containing: [fifo, "not a regular file", "FIFO"])
        let zero = dir.appendingPathComponent("zero.csv").path
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        assertThrowsRenderError(try quickPlot(csv: zero, x: "a", y: ["b"], out: out), containing: [zero, "not a regular file", "device"])
    }

    /// When the data CSV cannot be written, the figure must not appear either (and vice versa).
    func testFigureAndDataCSVAppearTogetherOrNotAtAll() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure(width: 3, height: 2)
        fig[0, 0].line([0, 1], [0, 1])
        // A directory where the data CSV should go makes that write fail.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("f_data.csv"), withIntermediateDirectories: false)
        assertThrowsRenderError(try fig.write(to: dir.appendingPathComponent("f.png")), containing: ["f_data.csv", "directory"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["f_data.csv"], "no PNG and no temporary file")
        // And the other way round: the figure's path is a directory, so no data CSV either.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("g.png"), withIntermediateDirectories: false)
        assertThrowsRenderError(try fig.write(to: dir.appendingPathComponent("g.png")), containing: ["g.png"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["f_data.csv", "g.png"])
    }
}

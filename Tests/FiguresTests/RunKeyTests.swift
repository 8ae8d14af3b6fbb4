@testable import FigureKit
@testable import Figures
import Foundation
import GainModulation
import WorkbenchKit
import XCTest

final class RunKeyTests: XCTestCase {
    func key(_ request: RunRequest) throws -> RunKey {
        let e = SingleNeuronExperiment()
        return RunKey(request: request, parameters: try e.resolve(request.preset, overrides: request.orderedOverrides))
    }

    func testKeyFollowsResolvedParametersAndSeed() throws {
        let base = RunRequest(GainModulationNames.singleNeuron, preset: .quick)
        XCTAssertEqual(try key(base), try key(base))
        XCTAssertNotEqual(try key(base).hash, try key(base.with(["gamma": "0.5"])).hash)
        XCTAssertNotEqual(try key(base).hash, try key(base.seed(1)).hash)
        // An override equal to the preset's value is the same run.
        XCTAssertEqual(try key(base).hash, try key(base.with(["iterations": "300"])).hash)
    }

    /// An experiment that records new results bumps its output revision: runs cached before are
    /// recomputed; revision 0 keeps the keys made before revisions existed.
    func testOutputRevisionInvalidatesOnlyWhenBumped() throws {
        let request = RunRequest(GainModulationNames.singleNeuron, preset: .quick)
        let parameters = try SingleNeuronExperiment().resolve(preset: "quick", overrides: [])
        let plain = RunKey(request: request, parameters: parameters)
        XCTAssertEqual(plain, RunKey(request: request, parameters: parameters, revision: 0))
        XCTAssertNotEqual(plain.hash, RunKey(request: request, parameters: parameters, revision: 1).hash)
    }

    func testSeriesReaderReadsNumbersAndGaps() throws {
        let path = NSTemporaryDirectory() + "series-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "step,a,b\n0,1.5,\n1,-2e-3,4\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (header, columns) = try SeriesReader.read(path)
        XCTAssertEqual(header, ["step", "a", "b"])
        XCTAssertEqual(columns[1], [1.5, -0.002])
        XCTAssertTrue(columns[2][0].isNaN)
        XCTAssertEqual(columns[2][1], 4)
        // A column shorter than the series (trailing empty cells) reads back at its own length.
        try "a,b\n1,2\n3,\n4,\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try SeriesReader.read(path).columns, [[1, 3, 4], [2]])
        try "a,b\n1,x\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SeriesReader.read(path))
    }
}

@testable import FigureKit
@testable import Figures
import Foundation
import GainModulation
import Render
import TaskSwitch
import WorkbenchKit
import XCTest

/// Runs the figures pipeline end to end on a small subset (single-neuron and Gaussian runs:
/// seconds in release) and checks the files, the cache, shards and skipped figures.
final class FiguresCommandTests: XCTestCase {
    let registry = Registry([GainModulationPlugin.experiments, TaskSwitchPlugin.experiments])

    func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "figures-test-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testFiguresAreWrittenAndRunsReused() throws {
        let out = try temporaryDirectory()
        var lines: [String] = []
        let options = FiguresOptions(preset: .quick, only: ["fig2", "13"], outDirectory: out, mnistDirectory: nil,
                                     jobs: 2, log: { lines.append($0) })
        let first = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertTrue(first.succeeded, "\(first.failed) \(first.skipped)")
        XCTAssertEqual(first.made.map(\.id), ["fig2", "fig13"])
        XCTAssertEqual(first.runsCached, 0)
        XCTAssertEqual(first.runsComputed, first.runsPlanned)
        // One progress line per computed run.
        XCTAssertEqual(lines.filter { $0.hasPrefix("[") }.count, first.runsPlanned)

        for id in ["fig2", "fig13"] {
            let png = try PNGImage.read("\(out)/\(id).png")
            XCTAssertGreaterThan(png.width, 500)
            XCTAssertTrue(png.text["Title"]?.contains("Figure") ?? false)
            let csv = try CSVTable(path: "\(out)/\(id)_data.csv")
            XCTAssertFalse(csv.header.isEmpty)
            XCTAssertGreaterThan(csv.rows.count, 100)
        }
        let index = try String(contentsOfFile: "\(out)/index.md", encoding: .utf8)
        XCTAssertTrue(index.contains("## Figure 2:"))
        XCTAssertTrue(index.contains("## Figure 13:"))
        XCTAssertTrue(index.contains("(fig2.png)"))

        let second = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertTrue(second.succeeded)
        XCTAssertEqual(second.runsCached, first.runsPlanned)
        XCTAssertEqual(second.runsComputed, 0)
        XCTAssertEqual(second.made.count, 2)

        // A later call for one figure keeps the others in index.md.
        _ = try regenerateFigures(registry: registry, figures: try .paper(), options: FiguresOptions(preset: .quick, only: ["fig13"], outDirectory: out))
        let again = try String(contentsOfFile: "\(out)/index.md", encoding: .utf8)
        XCTAssertTrue(again.contains("## Figure 2:") && again.contains("## Figure 13:"))
    }

    func testRunsWhoseControlEndsBelowTheBaselineAreFlagged() throws {
        let out = try temporaryDirectory()
        var lines: [String] = []
        let options = FiguresOptions(preset: .quick, only: ["fig13"], outDirectory: out, mnistDirectory: nil,
                                     jobs: 1, log: { lines.append($0) })
        let healthy = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertEqual(healthy.made.first?.controlBelowBaseline, [], "the optimized control beats its baseline")

        // Make the cached run look like a stuck ascent: V_control below V_baseline.
        let runs = "\(out)/runs"
        let folder = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: runs).first)
        let path = "\(runs)/\(folder)/result.json"
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        json["value_control"] = (json["value_baseline"] as! Double) - 1
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))

        lines.removeAll()
        let stuck = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertEqual(stuck.runsCached, 1)
        XCTAssertEqual(stuck.made.first?.controlBelowBaseline.count, 1)
        XCTAssertTrue(lines.contains { $0.hasPrefix("fig13: warning: 1 run(s) end with a lower value than their baseline") }, "\(lines)")
        let index = try String(contentsOfFile: "\(out)/index.md", encoding: .utf8)
        XCTAssertTrue(index.contains("**(control value below the baseline's)**"))
    }

    func testDryRunListsRunsWithoutComputingOrWriting() throws {
        let out = try temporaryDirectory()
        var lines: [String] = []
        let report = try regenerateFigures(registry: registry, figures: try .paper(), options: FiguresOptions(
            preset: .paper, only: ["fig13", "fig11"], outDirectory: out, dryRun: true, log: { lines.append($0) }))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertEqual(report.runsComputed, 0)
        XCTAssertTrue(report.made.isEmpty)
        // Fig. 13's traced Gaussian run is one of Fig. 11's five: counted once, flagged as shared.
        XCTAssertTrue(lines.contains { $0.hasPrefix("fig11: 5 runs, 0 cached, 5 to compute") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("fig13: 1 runs, 0 cached, 1 to compute") && $0.contains("1 shared") }, "\(lines)")
        XCTAssertTrue(lines.last?.hasPrefix("dry run: 5 runs to compute") ?? false, "\(lines)")
    }

    /// Independent of timing: whether a heartbeat falls before, during or after a run's iterations
    /// depends on how busy the machine is, so the lines are checked for form only, and what a
    /// heartbeat says is checked by driving `RunProgress` directly.
    func testHeartbeatListsRunsInFlightAndTheHeaderHasAnEstimate() throws {
        let out = try temporaryDirectory()
        var lines: [String] = []
        let lock = NSLock()
        var options = FiguresOptions(preset: .quick, only: ["fig13"], outDirectory: out, jobs: 1,
                                     log: { line in lock.lock(); lines.append(line); lock.unlock() })
        options.heartbeatSeconds = 0.05
        let report = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertTrue(report.succeeded)
        XCTAssertTrue(lines[0].contains("CPU estimated"), lines[0])
        for beat in lines where beat.hasPrefix("  running:") {
            XCTAssertTrue(beat.hasPrefix("  running: effort-allocation [quick]"), beat)
            XCTAssertTrue(beat.contains("/100 it (") || beat.contains(" preparing ("), beat)
            XCTAssertTrue(beat.contains("| elapsed ") && beat.contains(", ETA "), beat)
        }

        let experiment = try registry.experiment(named: "effort-allocation")
        let request = RunRequest(GainModulationNames.effortAllocation, preset: .quick)
        let parameters = try experiment.resolve(preset: "quick", overrides: [])
        let run = PlannedRun(request: request, experiment: experiment, key: RunKey(request: request, parameters: parameters), size: 1, expectedSize: 1)
        var said: [String] = []
        let progress = RunProgress(runs: [run], jobs: 1, log: { said.append($0) })
        progress.heartbeat()
        XCTAssertEqual(said, [], "nothing in flight, nothing to say")
        progress.started(run)
        progress.heartbeat()
        XCTAssertTrue(said.last?.hasPrefix("  running: effort-allocation [quick] seed=0 preparing (") ?? false, "\(said)")
        progress.iteration(run, 37, 100)
        progress.heartbeat()
        XCTAssertTrue(said.last?.hasPrefix("  running: effort-allocation [quick] seed=0 37/100 it (") ?? false, "\(said)")
        progress.finished(run, seconds: 1, error: nil)
        said.removeAll()
        progress.heartbeat()
        XCTAssertEqual(said, [], "a finished run is no longer listed")
    }

    func testShardsSplitTheRunsAndAFinalCallDraws() throws {
        let out = try temporaryDirectory()
        var computed = 0, planned = 0
        for k in 1...2 {
            let report = try regenerateFigures(registry: registry, figures: try .paper(), options: FiguresOptions(
                preset: .quick, only: ["fig10"], outDirectory: out, jobs: 1, shard: try Shard(index: k, count: 2)))
            XCTAssertTrue(report.succeeded)
            XCTAssertTrue(report.made.isEmpty, "shards only compute")
            computed += report.runsComputed
            planned = report.runsPlanned
        }
        XCTAssertEqual(computed, planned)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(out)/fig10.png"))
        let final = try regenerateFigures(registry: registry, figures: try .paper(), options: FiguresOptions(preset: .quick, only: ["fig10"], outDirectory: out))
        XCTAssertEqual(final.runsComputed, 0)
        XCTAssertEqual(final.made.map(\.id), ["fig10"])
    }

    func testMissingMNISTSkipsWithRemedyAndFails() throws {
        let out = try temporaryDirectory()
        let report = try regenerateFigures(registry: registry, figures: try .paper(), options: FiguresOptions(
            preset: .quick, only: ["fig18", "fig5"], outDirectory: out, mnistDirectory: out + "/no-such-dir"))
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(report.skipped.map(\.id).sorted(), ["fig18", "fig5"])
        XCTAssertTrue(report.skipped.allSatisfy { $0.reason.contains("--mnist DIR") })
        let index = try String(contentsOfFile: "\(out)/index.md", encoding: .utf8)
        XCTAssertTrue(index.contains("## Skipped in the last call"))
    }

    func testBadInputsAreOneLineErrors() {
        XCTAssertThrowsError(try FigureSet.paper().select(["fig99"])) { error in
            XCTAssertTrue("\(error)".contains("fig99"))
        }
        XCTAssertThrowsError(try Shard(parsing: "3/2"))
        XCTAssertThrowsError(try Shard(parsing: "x"))
        XCTAssertEqual(try Shard.fromSLURM(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4",
                                            "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4"]), try Shard(index: 4, count: 4))
        XCTAssertNil(try Shard.fromSLURM([:]))
    }
}

@testable import FigureKit
@testable import Figures
import Foundation
import GainModulation
import WorkbenchKit
import XCTest

/// Several processes on one output folder (array tasks, a resubmitted task, a merge started
/// early), simulated in one test process: each `regenerateFigures` call has claims of its own,
/// and a second `RunClaims` plays the other process. Time is injected: nothing waits for real.
final class SharedOutputTests: XCTestCase {
    let registry = Registry([GainModulationPlugin.experiments])

    func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "shared-out-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// Fig. 13: one effort-allocation run.
    func options(_ out: String, log: @escaping (String) -> Void = { _ in }) -> FiguresOptions {
        FiguresOptions(preset: .quick, only: ["fig13"], outDirectory: out, jobs: 1, log: log)
    }

    func runFolder(_ out: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(out)/runs").filter { !$0.hasPrefix(".") }
        XCTAssertEqual(names.count, 1)
        return "\(out)/runs/\(try XCTUnwrap(names.first))"
    }

    func inode(_ path: String) -> UInt64? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? UInt64
    }

    /// A reference run in a folder of its own, to publish "from the other process".
    func reference() throws -> String {
        let out = temporaryDirectory()
        XCTAssertTrue(try regenerateFigures(registry: registry, figures: try .paper(), options: options(out)).succeeded)
        return try runFolder(out)
    }

    /// The other process's claim on the run `out` needs (its folder made as that process would).
    func claimAsOtherProcess(_ out: String, reference: String, clock: @escaping () -> Double) throws -> (RunClaims, String) {
        let folder = "\(out)/runs/\((reference as NSString).lastPathComponent)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let other = RunClaims(host: "other-node", pid: 7, token: "other", clock: clock, log: { _ in })
        XCTAssertEqual(try other.acquire(folder), .acquired)
        return (other, folder)
    }

    /// What the other process does when its run is done: its files in place, result.json last, claim released.
    func finish(_ folder: String, from reference: String, other: RunClaims) throws {
        for name in ["key.txt", "series.csv", "result.json"] {
            try FileManager.default.copyItem(atPath: "\(reference)/\(name)", toPath: "\(folder)/\(name)")
        }
        other.release(folder)
    }

    /// Fig. 13's run as the pipeline plans it.
    func plannedRun() throws -> PlannedRun {
        let paper = try FigureSet.paper()
        let context = PlanContext(preset: .quick, experiments: Set(registry.experiments.map { ExperimentName($0.name) }))
        let plan = try FigurePlan(figures: try paper.select(["fig13"]), registry: registry,
                                  context: context, mnistDirectory: nil)
        return try XCTUnwrap(plan.runs.first)
    }

    /// Two users of one folder: the second, claiming the run the first completed (a late or
    /// resubmitted task), finds it complete, and even a result it computed itself meanwhile (after
    /// taking over a claim) is not published over it: the first user's files stay, the same files.
    func testACompletedRunOfAnotherProcessIsNeverDeletedOrReplaced() throws {
        let out = temporaryDirectory()
        XCTAssertTrue(try regenerateFigures(registry: registry, figures: try .paper(), options: options(out)).succeeded)
        let folder = try runFolder(out)
        let result = "\(folder)/result.json", series = "\(folder)/series.csv"
        let before = try Data(contentsOf: URL(fileURLWithPath: result))
        let (resultNode, seriesNode) = (inode(result), inode(series))

        let run = try plannedRun()
        let second = RunCache(directory: "\(out)/runs")
        let claims = RunClaims(host: "second", pid: 8, token: "second", log: { _ in })
        XCTAssertEqual(try second.makeFolder(run.key, experiment: "effort-allocation"), folder)
        XCTAssertEqual(try claims.acquire(folder), .acquired)
        XCTAssertEqual(second.state(run.key, experiment: "effort-allocation"), .complete, "the claimant looks again and finds it done")
        try second.recordKey(run.key, in: folder)
        let staging = RunCache.stagingFolder(in: folder, token: claims.token)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: "\(staging)/result.json"))
        try Data("step\n".utf8).write(to: URL(fileURLWithPath: "\(staging)/series.csv"))
        try second.publish(run.key, experiment: "effort-allocation", from: staging)
        claims.release(folder)
        XCTAssertEqual(inode(result), resultNode, "result.json is the first process's file")
        XCTAssertEqual(inode(series), seriesNode, "series.csv too")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: result)), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: staging), "the unneeded copy is dropped")

        let again = try regenerateFigures(registry: registry, figures: try .paper(), options: options(out))
        XCTAssertEqual(again.runsCached, 1)
        XCTAssertEqual(again.runsComputed, 0)
        XCTAssertEqual(inode(result), resultNode)
    }

    /// A drawing call finds the run claimed by a live process: it waits (a progress line says for
    /// whom), and draws from that process's result once it is there, computing nothing itself.
    func testADrawingCallWaitsForARunAnotherProcessComputes() throws {
        let ref = try reference()
        let out = temporaryDirectory()
        let now = Date().timeIntervalSince1970
        let (other, folder) = try claimAsOtherProcess(out, reference: ref, clock: { now })
        var lines: [String] = []
        var sleeps = 0
        var options = self.options(out, log: { lines.append($0) })
        options.claimClock = { now + 10 }
        options.claimSleep = { _ in
            sleeps += 1
            if sleeps == 2 { try? self.finish(folder, from: ref, other: other) }
        }
        let report = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertTrue(report.succeeded, "\(report.failed)")
        XCTAssertEqual(report.runsComputed, 0)
        XCTAssertEqual(report.runsDoneElsewhere, 1)
        XCTAssertEqual(report.made.map(\.id), ["fig13"])
        XCTAssertEqual(sleeps, 2)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  waiting: effort-allocation [quick]") && $0.contains("is being computed by other-node:7 (claim heartbeat 10s ago)") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("done by other-node:7") }, "\(lines)")
        XCTAssertFalse(lines.contains { $0.contains("damaged") }, "\(lines)")
    }

    /// A shard leaves a run another live process holds to it, and still succeeds.
    func testAShardLeavesAClaimedRunToItsHolder() throws {
        let ref = try reference()
        let out = temporaryDirectory()
        let now = Date().timeIntervalSince1970
        _ = try claimAsOtherProcess(out, reference: ref, clock: { now })
        var lines: [String] = []
        var options = self.options(out, log: { lines.append($0) })
        options.shard = try Shard(index: 1, count: 1)
        options.claimClock = { now + 10 }
        options.claimSleep = { _ in XCTFail("a shard does not wait") }
        let report = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertTrue(report.succeeded)
        XCTAssertEqual(report.runsComputed, 0)
        XCTAssertEqual(report.runsLeftToOthers, 1)
        XCTAssertTrue(lines.contains { $0.contains("left to other-node:7, which holds its claim") }, "\(lines)")
        XCTAssertTrue(lines.last?.contains("1 left to the processes holding their claims") ?? false, "\(lines)")
    }

    /// The other process died: once its heartbeat is older than the stale limit its claim is
    /// taken over, with a line, and the run is computed here.
    func testAStaleClaimIsTakenOverAndTheRunComputed() throws {
        let ref = try reference()
        let out = temporaryDirectory()
        let then = Date().timeIntervalSince1970 - 10_000
        _ = try claimAsOtherProcess(out, reference: ref, clock: { then })
        var lines: [String] = []
        let report = try regenerateFigures(registry: registry, figures: try .paper(), options: options(out, log: { lines.append($0) }))
        XCTAssertTrue(report.succeeded)
        XCTAssertEqual(report.runsComputed, 1)
        XCTAssertTrue(lines.contains { $0.hasPrefix("taking over the claim of other-node:7 on ") }, "\(lines)")
        XCTAssertEqual(try String(contentsOfFile: "\(try runFolder(out))/series.csv", encoding: .utf8),
                       try String(contentsOfFile: "\(ref)/series.csv", encoding: .utf8))
        XCTAssertNil(RunClaims(log: { _ in }).holder(try runFolder(out)), "released when done")
    }

    /// `--status` says who holds what; `--no-compute` draws nothing it would have to compute and
    /// names the run and its holder.
    func testStatusAndNoComputeNameTheClaimedRun() throws {
        let ref = try reference()
        let out = temporaryDirectory()
        let now = Date().timeIntervalSince1970
        let (other, folder) = try claimAsOtherProcess(out, reference: ref, clock: { now })
        var lines: [String] = []
        var status = options(out, log: { lines.append($0) })
        status.status = true
        status.claimClock = { now + 3 }
        let reported = try regenerateFigures(registry: registry, figures: try .paper(), options: status)
        XCTAssertFalse(reported.succeeded, "not every run is cached")
        XCTAssertTrue(lines.contains("fig13: 1 runs: 0 cached, 1 claimed, 0 missing"), "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("    effort-allocation [quick]") && $0.hasSuffix(": claimed by other-node:7, heartbeat 3s ago") }, "\(lines)")
        XCTAssertEqual(lines.last, "status: 1 runs: 0 cached, 1 claimed (other-node:7: 1), 0 missing; 0 of 1 figure(s) ready to draw")

        lines.removeAll()
        var merge = options(out, log: { lines.append($0) })
        merge.noCompute = true
        merge.claimClock = { now + 3 }
        let early = try regenerateFigures(registry: registry, figures: try .paper(), options: merge)
        XCTAssertFalse(early.succeeded)
        XCTAssertEqual(early.runsComputed, 0)
        XCTAssertTrue(early.failed.first?.reason.hasPrefix("--no-compute: 1 of its runs are not cached: effort-allocation [quick]") ?? false, "\(early.failed)")
        XCTAssertTrue(early.failed.first?.reason.contains("(claimed by other-node:7, heartbeat 3s ago)") ?? false, "\(early.failed)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(folder)/result.json"))

        try finish(folder, from: ref, other: other)
        lines.removeAll()
        XCTAssertTrue(try regenerateFigures(registry: registry, figures: try .paper(), options: status).succeeded, "\(lines)")
        XCTAssertEqual(lines.last, "status: 1 runs: 1 cached, 0 claimed, 0 missing; 1 of 1 figure(s) ready to draw")
        let late = try regenerateFigures(registry: registry, figures: try .paper(), options: merge)
        XCTAssertTrue(late.succeeded)
        XCTAssertEqual(late.made.map(\.id), ["fig13"])
    }

    /// A shard that cannot prepare one of its figures (here: no MNIST) fails, so the array task
    /// fails where the user sees it.
    func testAShardThatCannotPrepareAFigureFails() throws {
        let out = temporaryDirectory()
        var lines: [String] = []
        var options = FiguresOptions(preset: .quick, only: ["fig18", "fig13"], outDirectory: out,
                                     mnistDirectory: out + "/no-such-dir", jobs: 1, log: { lines.append($0) })
        options.shard = try Shard(index: 1, count: 2)
        let report = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(report.skipped.map(\.id), ["fig18"])
        XCTAssertTrue(lines.contains { $0.hasPrefix("fig18: skipped: needs MNIST") }, "\(lines)")
        XCTAssertTrue(lines.last?.contains("1 figure(s) could not be prepared (listed above), so this shard fails") ?? false, "\(lines)")
    }

    /// `--jobs 100000` once died in the dry run's estimate (a setting that cannot be timed within
    /// its tiny share of memory left a nil that was unwrapped): now such runs are counted as untimed.
    func testADryRunWhoseRunsCannotBeTimedSaysSo() throws {
        setenv(MemoryBudget.environmentVariable, "1000", 1)
        defer { unsetenv(MemoryBudget.environmentVariable) }
        var lines: [String] = []
        var options = self.options(temporaryDirectory(), log: { lines.append($0) })
        options.dryRun = true
        _ = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertTrue(lines.last?.hasSuffix("; 1 runs could not be timed") ?? false, "\(lines)")
    }
}

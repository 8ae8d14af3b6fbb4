@testable import FigureKit
@testable import Figures
import Foundation
import GainModulation
import WorkbenchKit
import XCTest

/// A cached run that was cut, emptied or garbled is recomputed with one warning line, never drawn.
final class RunCacheIntegrityTests: XCTestCase {
    let registry = Registry([GainModulationPlugin.experiments])

    private func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "cache-integrity-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// Draws Fig. 13 (one effort-allocation run) into `out`; returns the report and the log lines.
    private func draw(_ out: String) throws -> (FiguresReport, [String]) {
        var lines: [String] = []
        let report = try regenerateFigures(registry: registry, figures: try .paper(), options: FiguresOptions(
            preset: .quick, only: ["fig13"], outDirectory: out, jobs: 1, log: { lines.append($0) }))
        return (report, lines)
    }

    private func runFolder(_ out: String) throws -> String {
        let runs = "\(out)/runs"
        return "\(runs)/\(try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: runs).first))"
    }

    private func lines(of path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    private func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func testResultJSONRecordsTheRowsAndCRC32OfSeriesCSV() throws {
        let out = temporaryDirectory()
        _ = try draw(out)
        let folder = try runFolder(out)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/result.json"))) as? [String: Any])
        let series = try lines(of: "\(folder)/series.csv")
        XCTAssertEqual(json["series_rows"] as? Int, series.count - 2, "lines minus header minus the empty string after the last newline")
        let onDisk = try XCTUnwrap(FileChecksum(csvFile: "\(folder)/series.csv"))
        XCTAssertEqual(json["series_crc32"] as? Int, Int(onDisk.crc32))
        XCTAssertEqual(FileChecksum(csv: try Data(contentsOf: URL(fileURLWithPath: "\(folder)/series.csv"))), onDisk)
        // zlib's CRC-32 of a known string, so the number is the standard one (as `python -c 'zlib.crc32'` gives).
        XCTAssertEqual(FileChecksum(csv: Data("123456789".utf8)).crc32, 0xCBF4_3926)
    }

    func testDamagedRunsAreRecomputedWithOneWarningAndTheFigureIsUnchanged() throws {
        let out = temporaryDirectory()
        let (first, _) = try draw(out)
        XCTAssertTrue(first.succeeded)
        let folder = try runFolder(out)
        let whole = try String(contentsOfFile: "\(folder)/series.csv", encoding: .utf8)
        let figureData = try String(contentsOfFile: "\(out)/fig13_data.csv", encoding: .utf8)
        let rows = whole.split(separator: "\n")
        let damages: [(String, () throws -> Void, String)] = [
            ("cut at a line boundary", { try self.write(rows.prefix(rows.count / 2).joined(separator: "\n") + "\n", "\(folder)/series.csv") },
             "series.csv has \(rows.count / 2 - 1) rows"),
            ("cut to its header", { try self.write(String(rows[0]) + "\n", "\(folder)/series.csv") }, "series.csv has 0 rows"),
            ("one digit changed", { try self.write(whole.replacingOccurrences(of: "0.5", with: "0.6"), "\(folder)/series.csv") },
             "crc32"),
            ("missing", { try FileManager.default.removeItem(atPath: "\(folder)/series.csv") }, "series.csv is missing"),
            ("a FIFO", {
                try FileManager.default.removeItem(atPath: "\(folder)/series.csv")
                XCTAssertEqual(mkfifo("\(folder)/series.csv", 0o600), 0)
            }, "series.csv is not a regular file"),
            ("result.json cut", {
                let json = try String(contentsOfFile: "\(folder)/result.json", encoding: .utf8)
                try self.write(String(json.prefix(json.count / 2)), "\(folder)/result.json")
            }, "result.json is not a JSON object"),
        ]
        for (what, damage, reason) in damages {
            try damage()
            let (report, lines) = try draw(out)
            let warnings = lines.filter { $0.contains("is damaged") }
            XCTAssertEqual(warnings.count, 1, "\(what): \(lines)")
            XCTAssertTrue(warnings.first?.hasPrefix("warning: cached run effort-allocation [quick]") ?? false, "\(what): \(warnings)")
            XCTAssertTrue(warnings.first?.contains(reason) ?? false, "\(what): '\(warnings)' should say '\(reason)'")
            XCTAssertTrue(warnings.first?.hasSuffix("recomputing it") ?? false, "\(what): \(warnings)")
            XCTAssertEqual(report.runsComputed, 1, what)
            XCTAssertEqual(report.made.map(\.id), ["fig13"], what)
            XCTAssertEqual(try String(contentsOfFile: "\(folder)/series.csv", encoding: .utf8), whole, "\(what): recomputed identically")
            XCTAssertEqual(try String(contentsOfFile: "\(out)/fig13_data.csv", encoding: .utf8), figureData, "\(what): figure as before")
        }
        let (clean, lines) = try draw(out)
        XCTAssertEqual(clean.runsCached, 1)
        XCTAssertFalse(lines.contains { $0.contains("warning") }, "\(lines)")
    }

    /// Folders written before the checksum existed stay valid, and are still checked against their steps.
    func testFoldersWithoutAChecksumAreKeptWhenWholeAndRecomputedWhenCut() throws {
        let out = temporaryDirectory()
        _ = try draw(out)
        let folder = try runFolder(out)
        let path = "\(folder)/result.json"
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        json["series_rows"] = nil
        json["series_crc32"] = nil
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))

        let (kept, keptLines) = try draw(out)
        XCTAssertEqual(kept.runsCached, 1)
        XCTAssertFalse(keptLines.contains { $0.contains("damaged") }, "\(keptLines)")

        let rows = try lines(of: "\(folder)/series.csv")
        try write(rows.prefix(11).joined(separator: "\n") + "\n", "\(folder)/series.csv")
        let (redone, lines) = try draw(out)
        XCTAssertEqual(redone.runsComputed, 1)
        XCTAssertTrue(lines.contains { $0.contains("is damaged: series.csv has 10 rows for") }, "\(lines)")
    }

    func testARunRecordIsNeverReadFromADamagedFolder() throws {
        let out = temporaryDirectory()
        _ = try draw(out)
        let folder = try runFolder(out)
        let request = RunRequest(GainModulationNames.effortAllocation, preset: .quick)
        XCTAssertNoThrow(try RunRecord(request: request, folder: folder))
        let rows = try lines(of: "\(folder)/series.csv")
        try write(rows.prefix(3).joined(separator: "\n") + "\n", "\(folder)/series.csv")
        XCTAssertThrowsError(try RunRecord(request: request, folder: folder)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(folder) && message.contains("is damaged") && message.contains("2 rows"), message)
            XCTAssertFalse(message.contains("\n"))
        }
    }

    func testEmptyOnlyListsAreRefusedNamingTheOption() {
        for only in [[""], ["", ""], ["fig2", " "], []] {
            XCTAssertThrowsError(try FigureSet.paper().select(only), "\(only)") { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix("--only '"), message)
                XCTAssertTrue(message.contains("expected comma-separated figures from fig2"), message)
            }
        }
    }

    func testSLURMErrorsNameTheVariables() {
        let range = ["SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "1"]
        XCTAssertThrowsError(try Shard.fromSLURM(range.merging(["SLURM_ARRAY_TASK_ID": "999"]) { $1 })) { error in
            XCTAssertEqual("\(error)", "SLURM_ARRAY_TASK_ID=999, _MIN=0, _MAX=1, _STEP=1: expected _STEP >= 1 and _MIN <= ID <= _MAX; pass --shard K/N (docs/cluster.md)")
        }
        XCTAssertThrowsError(try Shard.fromSLURM(range.merging(["SLURM_ARRAY_TASK_ID": "x"]) { $1 })) { error in
            XCTAssertTrue("\(error)".hasPrefix("SLURM_ARRAY_TASK_ID=x, _MIN=0, _MAX=1, _STEP=1: expected integers"), "\(error)")
        }
        // Spans that overflow are refused, not trapped on.
        XCTAssertThrowsError(try Shard.fromSLURM(["SLURM_ARRAY_TASK_ID": "\(Int.max)", "SLURM_ARRAY_TASK_MIN": "-5", "SLURM_ARRAY_TASK_MAX": "\(Int.max)"]))
        XCTAssertThrowsError(try Shard.fromSLURM(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "\(Int.min)", "SLURM_ARRAY_TASK_MAX": "\(Int.max)"]))
        XCTAssertEqual(try Shard.fromSLURM(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "7"]),
                       try Shard(index: 3, count: 3))
    }
}

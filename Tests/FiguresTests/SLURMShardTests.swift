@testable import FigureKit
import WorkbenchKit
import XCTest

/// The shard of a SLURM array task, from the variables SLURM sets for each array shape.
final class SLURMShardTests: XCTestCase {
    func env(id: Int, min: Int?, max: Int?, step: Int? = nil, count: Int? = nil) -> [String: String] {
        var e = ["SLURM_ARRAY_TASK_ID": "\(id)"]
        if let min { e["SLURM_ARRAY_TASK_MIN"] = "\(min)" }
        if let max { e["SLURM_ARRAY_TASK_MAX"] = "\(max)" }
        if let step { e["SLURM_ARRAY_TASK_STEP"] = "\(step)" }
        if let count { e["SLURM_ARRAY_TASK_COUNT"] = "\(count)" }
        return e
    }

    func message(_ body: () throws -> Shard?) -> String {
        do {
            return "no error: \(String(describing: try body()))"
        } catch {
            return (error as? WorkbenchError)?.message ?? "\(error)"
        }
    }

    func testRangeArraysOfEveryShapeGiveShardsOneToN() throws {
        // --array=1-4, --array=0-3 and --array=1-7:2 (SLURM's MAX is the last task id: 7).
        for (ids, min, max, step) in [([1, 2, 3, 4], 1, 4, 1), ([0, 1, 2, 3], 0, 3, 1), ([1, 3, 5, 7], 1, 7, 2)] {
            let shards = try ids.map { try XCTUnwrap(Shard.fromSLURM(env(id: $0, min: min, max: max, step: step, count: 4))) }
            XCTAssertEqual(shards.map(\.description), ["1/4", "2/4", "3/4", "4/4"], "\(min)-\(max):\(step)")
            // Every position of the plan is owned by exactly one task.
            for position in 0..<50 { XCTAssertEqual(shards.filter { $0.owns(position: position) }.count, 1) }
        }
        // _STEP and _COUNT are optional (1, and not checked, when absent).
        XCTAssertEqual(try Shard.fromSLURM(env(id: 12, min: 10, max: 13)), try Shard(index: 3, count: 4))
    }

    func testOutsideAnArrayThereIsNoShard() throws {
        XCTAssertNil(try Shard.fromSLURM([:]))
        XCTAssertNil(try Shard.fromSLURM(["SLURM_JOB_ID": "77"]))
    }

    func testAnIDWithoutMinAndMaxIsAnError() {
        for e in [env(id: 2, min: nil, max: nil, count: 4), env(id: 2, min: 1, max: nil, count: 4)] {
            XCTAssertEqual(message { try Shard.fromSLURM(e) },
                           "SLURM_ARRAY_TASK_ID=2 without SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_MAX: cannot tell which shard this task is; pass --shard K/N (docs/cluster.md)")
        }
    }

    func testListArraysAreRefusedWithWhatToSubmitInstead() {
        // --array=1,5,9: MIN 1, MAX 9, COUNT 3 (a range 1-9 would have 9 tasks).
        let list = message { try Shard.fromSLURM(self.env(id: 5, min: 1, max: 9, count: 3)) }
        XCTAssertEqual(list, "SLURM_ARRAY_TASK_COUNT=3 but 1-9 spans 9 task(s); this is a list array (like --array=1,5,9), which cannot be mapped onto shards: "
                       + "submit a range (--array=1-N, 0-M or A-B:S), or give each task its own --shard K/N")
        // --array=1,4,7 looks like 1-7:3 by count, but a task off a 1-7:2 grid is caught by the grid.
        let offGrid = message { try Shard.fromSLURM(self.env(id: 4, min: 1, max: 7, step: 2)) }
        XCTAssertTrue(offGrid.hasPrefix("SLURM_ARRAY_TASK_ID=4, _MIN=1, _MAX=7, _STEP=2: task 4 is not on the array's grid 1-7:2; this is a list array"), offGrid)
    }

    /// `sbatch --array=2` to redo one task: MIN = MAX = 2; as shard 1/1 it would compute everything.
    func testAResubmittedSingleTaskIsRefusedAndToldToPassItsShard() {
        let single = message { try Shard.fromSLURM(self.env(id: 2, min: 2, max: 2, count: 1)) }
        XCTAssertTrue(single.contains("an array of one task"), single)
        XCTAssertTrue(single.contains("pass --shard K/N (e.g. --shard 2/4 to redo task 2 of --array=1-4)"), single)
        XCTAssertFalse(single.contains("\n"))
    }

    func testMalformedVariablesAreOneLineErrors() {
        XCTAssertTrue(message { try Shard.fromSLURM(self.env(id: 2, min: 1, max: 4, step: 0)) }.contains("expected _STEP >= 1"))
        XCTAssertTrue(message { try Shard.fromSLURM(self.env(id: 9, min: 1, max: 4)) }.contains("_MIN <= ID <= _MAX"))
        XCTAssertTrue(message { try Shard.fromSLURM(["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4"]) }
            .contains("expected integers"))
    }
}

import WorkbenchKit

/// The K-th of N slices of the runs (1-based), so a cluster array job can split the work.
/// Runs are dealt round-robin in plan order, which spreads the seeds and sweep points of one
/// figure over all slices.
public struct Shard: Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (1...count).contains(index) else {
            throw WorkbenchError("shard \(index)/\(count) is invalid: expected K/N with N >= 1 and 1 <= K <= N")
        }
        self.index = index; self.count = count
    }

    /// Parses `--shard K/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw WorkbenchError("--shard '\(text)': expected K/N, e.g. 2/8")
        }
        try self.init(index: k, count: n)
    }

    /// From a SLURM array job (nil outside one), read as the range array it must be:
    /// K = (ID - MIN) / STEP + 1 of N = (MAX - MIN) / STEP + 1, from SLURM_ARRAY_TASK_ID, _MIN, _MAX
    /// and _STEP (1 when unset), so `--array=1-4`, `0-3` and `1-7:2` all give shards 1..4 of 4.
    /// Refused in one line, saying what to submit instead: an ID without MIN and MAX (older SLURM,
    /// or a script that unset them), an ID off the MIN-MAX:STEP grid or a _COUNT that disagrees
    /// with N (a list array such as `--array=1,5,9`, which cannot be mapped onto shards), and an
    /// array of one task (`sbatch --array=2`, how a single task is resubmitted): that task cannot
    /// know which shard of the original array it was, and as 1/1 it would compute every run.
    public static func fromSLURM(_ environment: [String: String]) throws -> Shard? {
        guard let idText = environment["SLURM_ARRAY_TASK_ID"] else { return nil }
        let redo = "pass --shard K/N (docs/cluster.md)"
        guard let minText = environment["SLURM_ARRAY_TASK_MIN"], let maxText = environment["SLURM_ARRAY_TASK_MAX"] else {
            throw WorkbenchError("SLURM_ARRAY_TASK_ID=\(idText) without SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_MAX: cannot tell which shard this task is; \(redo)")
        }
        let stepText = environment["SLURM_ARRAY_TASK_STEP"] ?? "1"
        let variables = "SLURM_ARRAY_TASK_ID=\(idText), _MIN=\(minText), _MAX=\(maxText), _STEP=\(stepText)"
        guard let id = Int(idText), let min = Int(minText), let max = Int(maxText), let step = Int(stepText) else {
            throw WorkbenchError("\(variables): expected integers; \(redo)")
        }
        let (span, overflow) = max.subtractingReportingOverflow(min)
        guard step >= 1, min <= max, (min...max).contains(id), !overflow, span < Int.max else {
            throw WorkbenchError("\(variables): expected _STEP >= 1 and _MIN <= ID <= _MAX; \(redo)")
        }
        let count = span / step + 1
        let grid = "\(min)-\(max)" + (step == 1 ? "" : ":\(step)")
        let listArray = "this is a list array (like --array=1,5,9), which cannot be mapped onto shards: "
            + "submit a range (--array=1-N, 0-M or A-B:S), or give each task its own --shard K/N"
        if (id - min) % step != 0 {
            throw WorkbenchError("\(variables): task \(id) is not on the array's grid \(grid); \(listArray)")
        }
        if let countText = environment["SLURM_ARRAY_TASK_COUNT"], Int(countText) != count {
            throw WorkbenchError("SLURM_ARRAY_TASK_COUNT=\(countText) but \(grid) spans \(count) task(s); \(listArray)")
        }
        if count == 1 {
            throw WorkbenchError("\(variables): an array of one task (a resubmitted task, e.g. sbatch --array=\(id)) cannot know its shard "
                + "of the original array and would compute every run; pass --shard K/N (e.g. --shard 2/4 to redo task 2 of --array=1-4), "
                + "or --shard 1/1 to compute everything in one task")
        }
        return try Shard(index: (id - min) / step + 1, count: count)
    }

    func owns(position: Int) -> Bool { position % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

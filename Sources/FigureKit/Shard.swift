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

    /// From a SLURM array job: SLURM_ARRAY_TASK_ID counted from SLURM_ARRAY_TASK_MIN (default 0),
    /// SLURM_ARRAY_TASK_COUNT slices. Nil when not in an array job.
    public static func fromSLURM(_ environment: [String: String]) throws -> Shard? {
        guard let idText = environment["SLURM_ARRAY_TASK_ID"], let countText = environment["SLURM_ARRAY_TASK_COUNT"] else {
            return nil
        }
        let minText = environment["SLURM_ARRAY_TASK_MIN"] ?? "0"
        let variables = "SLURM_ARRAY_TASK_ID=\(idText), SLURM_ARRAY_TASK_MIN=\(minText)"
            + (environment["SLURM_ARRAY_TASK_MIN"] == nil ? " (unset)" : "") + ", SLURM_ARRAY_TASK_COUNT=\(countText)"
        guard let id = Int(idText), let count = Int(countText), let min = Int(minText) else {
            throw WorkbenchError("\(variables): expected integers (or pass --shard K/N)")
        }
        let (offset, overflow) = id.subtractingReportingOverflow(min)
        guard !overflow, count >= 1, (0..<count).contains(offset) else {
            throw WorkbenchError("\(variables) do not name a shard: expected SLURM_ARRAY_TASK_MIN <= SLURM_ARRAY_TASK_ID < SLURM_ARRAY_TASK_MIN + SLURM_ARRAY_TASK_COUNT (or pass --shard K/N)")
        }
        return try Shard(index: offset + 1, count: count)
    }

    func owns(position: Int) -> Bool { position % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

import Foundation
import WorkbenchKit

/// How many runs `workbench figures` computes at once: `--jobs` as asked, capped at the cores
/// this process may use (more only makes the runs take turns) and at the number of runs its
/// memory budget gives at least `minimumShare` each; the cap is said in one line.
public enum JobCount {
    /// Below this a share of the budget refuses most runs of the paper preset.
    public static let minimumShare = 256 << 20

    /// The cores this process may use: the CPUs it may run on (Foundation counts its affinity
    /// mask, which `taskset` and SLURM's task plugins set), and no more than SLURM_CPUS_PER_TASK
    /// when SLURM states it (without an affinity plugin the mask is the whole node).
    public static func availableCores(environment: [String: String] = ProcessInfo.processInfo.environment,
                                      online: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        let slurm = environment["SLURM_CPUS_PER_TASK"].flatMap { Int($0) }.flatMap { $0 >= 1 ? $0 : nil }
        return max(1, min(online, slurm ?? online))
    }

    /// The jobs to use for `requested` (nil: as many as the cores), with the line saying why
    /// fewer are used; a request below 1 is refused.
    public static func resolve(requested: Int?, cores: Int, budget: MemoryBudget) throws -> (jobs: Int, note: String?) {
        if let requested, requested < 1 {
            throw WorkbenchError("--jobs \(requested): expected a positive number of runs at once")
        }
        let wanted = requested ?? cores
        let byMemory = max(1, budget.bytes / minimumShare)
        let jobs = min(wanted, cores, byMemory)
        guard jobs < wanted else { return (jobs, nil) }
        let asked = requested.map { "--jobs \($0)" } ?? "the default --jobs (one per core)"
        // Name what binds: the cores, the memory, or both.
        var reasons: [String] = []
        if cores == jobs { reasons.append("the \(cores) core(s) this process may use") }
        if byMemory == jobs {
            reasons.append("as many runs as the memory budget of \(formatBytes(budget.bytes)) gives at least \(formatBytes(minimumShare)) each "
                + "(raise \(MemoryBudget.environmentVariable) or the job's --mem for more)")
        }
        return (jobs, "\(asked): using \(jobs), " + reasons.joined(separator: ", and "))
    }
}

import Foundation

/// A ceiling on this process's memory set from outside: a cgroup limit (what the kernel OOM-kills
/// at) or the memory SLURM granted the task (`--mem`, `--mem-per-cpu`). `source` names where it
/// was read, for the line that reports the budget.
public struct MemoryLimit: Equatable, CustomStringConvertible {
    public let bytes: Int
    public let source: String

    public init(bytes: Int, source: String) { self.bytes = bytes; self.source = source }

    public var description: String { "\(formatBytes(bytes)) (\(source))" }

    /// The smallest cgroup memory limit on the path of this process's cgroup, from the process
    /// up to the root (a parent's limit binds its children too): cgroup v2's `memory.max` under
    /// `v2Root`, cgroup v1's `memory.limit_in_bytes` under `v1Root`. `read` returns a file's text
    /// (injected by tests); nil when no limit is set ("max", or v1's page-rounded Int.max, which
    /// the caller drops as not below physical memory).
    public static func cgroup(read: (String) -> String?, v2Root: String = "/sys/fs/cgroup",
                              v1Root: String = "/sys/fs/cgroup/memory") -> MemoryLimit? {
        guard let membership = read("/proc/self/cgroup") else { return nil }
        var found: [MemoryLimit] = []
        for line in membership.split(separator: "\n") {
            // "hierarchy-id:controllers:path"; v2 has id 0 and no controllers, v1 lists "memory".
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let controllers = fields[1].split(separator: ",")
            let path = String(fields[2])
            if fields[0] == "0" && controllers.isEmpty {
                found += limits(along: path, root: v2Root, file: "memory.max", read: read)
            } else if controllers.contains("memory") {
                found += limits(along: path, root: v1Root, file: "memory.limit_in_bytes", read: read)
            }
        }
        return found.min { $0.bytes < $1.bytes }
    }

    /// The limit files found from `root + path` up to `root`. In a container the path is often
    /// one the container cannot see (its own cgroup is mounted as the root): such levels are skipped.
    static func limits(along path: String, root: String, file: String, read: (String) -> String?) -> [MemoryLimit] {
        var parts = path.split(separator: "/").map(String.init)
        var found: [MemoryLimit] = []
        while true {
            let dir = ([root] + parts).joined(separator: "/")
            let location = dir + "/" + file
            if let text = read(location)?.trimmingCharacters(in: .whitespacesAndNewlines),
               let bytes = Int(text), bytes > 0 {
                found.append(MemoryLimit(bytes: bytes, source: "cgroup \(location)"))
            }
            if parts.isEmpty { return found }
            parts.removeLast()
        }
    }

    /// The memory SLURM granted this task: `SLURM_MEM_PER_NODE` (MB, from `--mem`), or
    /// `SLURM_MEM_PER_CPU` (MB) times `SLURM_CPUS_PER_TASK` (1 when unset). Nil outside SLURM and
    /// for `--mem=0` (the whole node, which the cgroup or physical memory then bounds).
    public static func slurm(_ environment: [String: String]) throws -> MemoryLimit? {
        func megabytes(_ name: String) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw WorkbenchError("\(name)='\(text)': expected a whole number of megabytes, as SLURM sets it")
            }
            return value
        }
        if let perNode = try megabytes("SLURM_MEM_PER_NODE") {
            return perNode == 0 ? nil : MemoryLimit(bytes: bytesProduct(perNode, 1 << 20), source: "SLURM_MEM_PER_NODE=\(perNode)")
        }
        guard let perCPU = try megabytes("SLURM_MEM_PER_CPU"), perCPU > 0 else { return nil }
        var cpus = 1
        if let text = environment["SLURM_CPUS_PER_TASK"], !text.isEmpty {
            guard let value = Int(text), value >= 1 else {
                throw WorkbenchError("SLURM_CPUS_PER_TASK='\(text)': expected a positive whole number, as SLURM sets it")
            }
            cpus = value
        }
        return MemoryLimit(bytes: bytesProduct(perCPU, 1 << 20, cpus),
                           source: "SLURM_MEM_PER_CPU=\(perCPU) x SLURM_CPUS_PER_TASK=\(cpus)")
    }

    /// A file's text, nil when it cannot be read (how the live process reads /proc and /sys).
    public static func readFile(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}

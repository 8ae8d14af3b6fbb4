import Foundation

/// The bytes one run may hold. Runs check what they need against it before allocating, so a
/// too-large run is refused with one line instead of dying in the allocator.
///
/// Default: 80% of the tightest limit the process lives under (its cgroup's, or the memory SLURM
/// granted the task), else half of physical memory (leaves room for the system and a second
/// job). Override with `WORKBENCH_MEMORY_BUDGET` (bytes, or with a K/M/G/T suffix: `8G`, `512M`, `1.5G`).
public struct MemoryBudget: Equatable, CustomStringConvertible {
    public var bytes: Int
    public init(bytes: Int) { self.bytes = bytes }

    public static let unlimited = MemoryBudget(bytes: Int.max)
    public static let environmentVariable = "WORKBENCH_MEMORY_BUDGET"
    public static let defaultShareOfPhysicalMemory = 0.5

    public static var physicalMemoryBytes: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 1 << 32 }   // unknown: assume 4 GB
        return pages.multipliedReportingOverflow(by: pageSize).overflow ? Int.max : pages * pageSize
    }

    /// The share of an outside limit that runs may plan for: the rest is the process itself (code,
    /// drawing, result files being written) and the page cache a cgroup also counts.
    public static let shareOfLimit = 0.8

    /// The budget of this process: `WORKBENCH_MEMORY_BUDGET` if set, else the default share.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment,
                               readFile: (String) -> String? = MemoryLimit.readFile,
                               physicalMemory: Int = physicalMemoryBytes) throws -> MemoryBudget {
        try resolve(environment: environment, readFile: readFile, physicalMemory: physicalMemory).budget
    }

    /// The budget and where it comes from, in words ("80% of 4.0 GB (SLURM_MEM_PER_NODE=4096)").
    /// Limits at or above physical memory bound nothing (cgroup v1 writes "no limit" as a huge
    /// number) and are passed over. `readFile` and `physicalMemory` are injected by tests.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment,
                               readFile: (String) -> String? = MemoryLimit.readFile,
                               physicalMemory: Int = physicalMemoryBytes) throws -> (budget: MemoryBudget, origin: String) {
        if let text = environment[environmentVariable], !text.isEmpty {
            guard let bytes = parse(text) else {
                throw WorkbenchError("\(environmentVariable)='\(text)': expected a positive number of bytes, optionally with K, M, G or T (e.g. 8G)")
            }
            return (MemoryBudget(bytes: bytes), "\(environmentVariable)=\(text)")
        }
        let limits = [try MemoryLimit.slurm(environment), MemoryLimit.cgroup(read: readFile)]
            .compactMap { $0 }.filter { $0.bytes < physicalMemory }
        if let tightest = limits.min(by: { $0.bytes < $1.bytes }) {
            return (MemoryBudget(bytes: Int(Double(tightest.bytes) * shareOfLimit)),
                    "\(Int(shareOfLimit * 100))% of \(tightest)")
        }
        return (MemoryBudget(bytes: Int(Double(physicalMemory) * defaultShareOfPhysicalMemory)),
                "\(Int(defaultShareOfPhysicalMemory * 100))% of \(formatBytes(physicalMemory)) of physical memory")
    }

    /// "123456", "512M", "1.5G", "8GB", "2t" (powers of 1024); nil when not a positive size.
    public static func parse(_ text: String) -> Int? {
        var number = text.trimmingCharacters(in: .whitespaces).uppercased()
        if number.hasSuffix("B") { number.removeLast() }
        let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024]
        var scale = 1.0
        if let last = number.last, let unit = units[last] { scale = unit; number.removeLast() }
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        let bytes = value * scale
        guard bytes >= 1 else { return nil }
        return bytes >= Double(Int.max) ? Int.max : Int(bytes)
    }

    /// Bytes one number of a result.json array costs while Foundation's JSONSerialization writes
    /// it (boxed, in an array of Any, then as text and Data): 120 million evaluation-curve values
    /// of `maml --set eval_steps=10000000` had reached 15.6 GB when stopped.
    public static let bytesPerJSONValue = 160

    /// Throws one line when `bytes` exceed the budget: "<what> needs about X, more than the memory
    /// budget of Y; lower <lower>, or raise WORKBENCH_MEMORY_BUDGET".
    public func require(_ bytes: Int, for what: String, lower: String) throws {
        guard bytes > self.bytes else { return }
        throw WorkbenchError("\(what) needs about \(formatBytes(bytes)), more than the memory budget of \(self); lower \(lower), or raise \(MemoryBudget.environmentVariable)")
    }

    /// Each of `jobs` runs in one process gets this share (the process's memory is what is bounded).
    public func shared(by jobs: Int) -> MemoryBudget {
        bytes == Int.max || jobs <= 1 ? self : MemoryBudget(bytes: bytes / jobs)
    }

    public var description: String {
        bytes == Int.max ? "unlimited" : formatBytes(bytes) + " (\(MemoryBudget.environmentVariable))"
    }
}

/// "1.5 GB", "12 MB", "800 bytes" (powers of 1024).
public func formatBytes(_ bytes: Int) -> String {
    let b = Double(bytes)
    if b >= 1024 * 1024 * 1024 { return String(format: "%.1f GB", b / (1024 * 1024 * 1024)) }
    if b >= 1024 * 1024 { return String(format: "%.1f MB", b / (1024 * 1024)) }
    if b >= 1024 { return String(format: "%.1f KB", b / 1024) }
    return "\(bytes) bytes"
}

/// Saturating arithmetic for byte counts: sizes from user parameters may overflow Int.
@inline(__always)
func bytesProduct(_ factors: Int...) -> Int {
    var p = 1
    for f in factors {
        let (r, overflow) = p.multipliedReportingOverflow(by: max(f, 0))
        if overflow { return Int.max }
        p = r
    }
    return p
}

@inline(__always)
func bytesSum(_ terms: Int...) -> Int {
    var s = 0
    for t in terms {
        let (r, overflow) = s.addingReportingOverflow(t)
        if overflow { return Int.max }
        s = r
    }
    return s
}

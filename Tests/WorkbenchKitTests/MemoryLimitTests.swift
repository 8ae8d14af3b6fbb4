import XCTest
@testable import WorkbenchKit

/// The memory budget from the limits a process lives under: cgroup v2 and v1 files and SLURM's
/// variables, all injected (never the machine the tests run on).
final class MemoryLimitTests: XCTestCase {
    /// A reader over a few fake files.
    func files(_ contents: [String: String]) -> (String) -> String? { { contents[$0] } }

    func testCgroupV2TakesTheTightestMemoryMaxAlongThePath() {
        let read = files([
            "/proc/self/cgroup": "0::/slurm/uid_0/job_5/step_0\n",
            "/sys/fs/cgroup/slurm/uid_0/job_5/step_0/memory.max": "max\n",
            "/sys/fs/cgroup/slurm/uid_0/job_5/memory.max": "4294967296\n",
            "/sys/fs/cgroup/slurm/memory.max": "17179869184\n",
        ])
        let limit = MemoryLimit.cgroup(read: read)
        XCTAssertEqual(limit?.bytes, 4 << 30)
        XCTAssertEqual(limit?.source, "cgroup /sys/fs/cgroup/slurm/uid_0/job_5/memory.max")
    }

    func testCgroupV1ReadsTheMemoryControllersLimit() {
        let read = files([
            "/proc/self/cgroup": "5:cpu,cpuacct:/job\n4:memory:/process_api/abc\n1:name=systemd:/\n",
            "/sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes": "2147483648",
            "/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712",
        ])
        XCTAssertEqual(MemoryLimit.cgroup(read: read)?.bytes, 2 << 30)
    }

    /// In a container the process's path is often not visible; the mounted root is still read.
    func testAnInvisiblePathFallsBackToTheMountedRoot() {
        let read = files(["/proc/self/cgroup": "0::/machine.slice/x.scope\n", "/sys/fs/cgroup/memory.max": "1073741824\n"])
        XCTAssertEqual(MemoryLimit.cgroup(read: read)?.bytes, 1 << 30)
    }

    func testNoCgroupOrNoLimitIsNil() {
        XCTAssertNil(MemoryLimit.cgroup(read: files([:])))
        XCTAssertNil(MemoryLimit.cgroup(read: files(["/proc/self/cgroup": "0::/\n", "/sys/fs/cgroup/memory.max": "max\n"])))
        XCTAssertNil(MemoryLimit.cgroup(read: files(["/proc/self/cgroup": "0::/\n", "/sys/fs/cgroup/memory.max": "garbage\n"])))
    }

    func testSLURMPerNodeAndPerCPUMemory() throws {
        XCTAssertEqual(try MemoryLimit.slurm(["SLURM_MEM_PER_NODE": "4096"])?.bytes, 4 << 30)
        XCTAssertEqual(try MemoryLimit.slurm(["SLURM_MEM_PER_CPU": "1000", "SLURM_CPUS_PER_TASK": "4"])?.bytes, 4000 << 20)
        XCTAssertEqual(try MemoryLimit.slurm(["SLURM_MEM_PER_CPU": "1000"])?.bytes, 1000 << 20, "one CPU when unset")
        XCTAssertNil(try MemoryLimit.slurm(["SLURM_MEM_PER_NODE": "0"]), "--mem=0: the whole node")
        XCTAssertNil(try MemoryLimit.slurm([:]))
        XCTAssertThrowsError(try MemoryLimit.slurm(["SLURM_MEM_PER_NODE": "4G"])) { error in
            XCTAssertEqual((error as? WorkbenchError)?.message, "SLURM_MEM_PER_NODE='4G': expected a whole number of megabytes, as SLURM sets it")
        }
        XCTAssertThrowsError(try MemoryLimit.slurm(["SLURM_MEM_PER_CPU": "100", "SLURM_CPUS_PER_TASK": "0"]))
    }

    func testBudgetIsTheShareOfTheTightestLimitElseHalfOfPhysicalMemory() throws {
        let physical = 32 << 30
        let cgroup2G = files(["/proc/self/cgroup": "0::/\n", "/sys/fs/cgroup/memory.max": "2147483648\n"])
        func budget(_ env: [String: String], _ read: @escaping (String) -> String?) throws -> (Int, String) {
            let (b, origin) = try MemoryBudget.resolve(environment: env, readFile: read, physicalMemory: physical)
            return (b.bytes, origin)
        }
        XCTAssertEqual(try budget([:], files([:])).0, 16 << 30)
        XCTAssertEqual(try budget([:], files([:])).1, "50% of 32.0 GB of physical memory")
        let slurm = try budget(["SLURM_MEM_PER_NODE": "4096"], files([:]))
        XCTAssertEqual(slurm.0, Int(Double(4 << 30) * 0.8))
        XCTAssertEqual(slurm.1, "80% of 4.0 GB (SLURM_MEM_PER_NODE=4096)")
        XCTAssertEqual(try budget(["SLURM_MEM_PER_NODE": "4096"], cgroup2G).0, Int(Double(2 << 30) * 0.8), "the tighter of the two")
        XCTAssertEqual(try budget(["WORKBENCH_MEMORY_BUDGET": "8G", "SLURM_MEM_PER_NODE": "4096"], cgroup2G).0, 8 << 30,
                       "the explicit budget overrides both")
        // A limit at or above physical memory bounds nothing (cgroup v1's "unlimited" is a huge number).
        let unlimited = files(["/proc/self/cgroup": "4:memory:/\n", "/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n"])
        XCTAssertEqual(try budget([:], unlimited).0, 16 << 30)
        XCTAssertThrowsError(try budget(["SLURM_MEM_PER_NODE": "lots"], files([:])))
    }
}

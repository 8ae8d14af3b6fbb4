@testable import FigureKit
import WorkbenchKit
import XCTest

/// Any --jobs is used or refused in one line: capped at the cores and at what the memory allows.
final class JobCountTests: XCTestCase {
    let plenty = MemoryBudget(bytes: 12 << 30)

    func testAHugeRequestIsCappedAtTheCoresAndSaysSo() throws {
        let (jobs, note) = try JobCount.resolve(requested: 100_000, cores: 2, budget: plenty)
        XCTAssertEqual(jobs, 2)
        XCTAssertEqual(note, "--jobs 100000: using 2, the 2 core(s) this process may use")
    }

    func testTheMemoryBudgetCapsToo() throws {
        let (jobs, note) = try JobCount.resolve(requested: 8, cores: 16, budget: MemoryBudget(bytes: 600 << 20))
        XCTAssertEqual(jobs, 2)
        XCTAssertTrue(note?.hasPrefix("--jobs 8: using 2, as many runs as the memory budget of 600.0 MB gives at least 256.0 MB each") ?? false, "\(String(describing: note))")
        let (defaultJobs, defaultNote) = try JobCount.resolve(requested: nil, cores: 4, budget: MemoryBudget(bytes: 300 << 20))
        XCTAssertEqual(defaultJobs, 1)
        XCTAssertTrue(defaultNote?.hasPrefix("the default --jobs (one per core): using 1") ?? false, "\(String(describing: defaultNote))")
    }

    func testWhatFitsIsUsedSilently() throws {
        XCTAssertEqual(try JobCount.resolve(requested: 2, cores: 2, budget: plenty).jobs, 2)
        XCTAssertNil(try JobCount.resolve(requested: 1, cores: 2, budget: plenty).note)
        XCTAssertEqual(try JobCount.resolve(requested: nil, cores: 2, budget: plenty).jobs, 2)
    }

    func testANonPositiveRequestIsRefused() {
        for bad in [0, -3] {
            XCTAssertThrowsError(try JobCount.resolve(requested: bad, cores: 2, budget: plenty)) { error in
                XCTAssertEqual((error as? WorkbenchError)?.message, "--jobs \(bad): expected a positive number of runs at once")
            }
        }
    }

    func testSLURMsCPUsPerTaskBoundTheCores() {
        XCTAssertEqual(JobCount.availableCores(environment: ["SLURM_CPUS_PER_TASK": "2"], online: 64), 2)
        XCTAssertEqual(JobCount.availableCores(environment: [:], online: 8), 8)
        XCTAssertEqual(JobCount.availableCores(environment: ["SLURM_CPUS_PER_TASK": "junk"], online: 8), 8)
        XCTAssertEqual(JobCount.availableCores(environment: ["SLURM_CPUS_PER_TASK": "16"], online: 8), 8)
    }
}

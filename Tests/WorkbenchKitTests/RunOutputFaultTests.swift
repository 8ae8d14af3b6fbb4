import Foundation
import XCTest
import TestSupport
@testable import WorkbenchKit

/// The relaxation experiment with inputs that are always refused (as a missing data file would be).
private struct RefusedInputsExperiment: Experiment {
    let name = "refused"
    let summary = "an experiment whose inputs are always refused"
    var parameters: [ParameterSpec] { RelaxationExperiment().parameters }
    var presets: Presets { RelaxationExperiment().presets }
    func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        throw WorkbenchError("refused: the input file is bad")
    }
}

/// Faults while writing a run: full disk, refused inputs. Each ends with one line and no partial files.
final class RunOutputFaultTests: XCTestCase {
    private func temporaryPath(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID())").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testARunRefusedForItsInputsLeavesNoOutputFolder() {
        let out = temporaryPath("wb-refused") + "/nested/run"
        XCTAssertThrowsError(try runExperiment(RefusedInputsExperiment(), options: RunOptions(outDirectory: out))) { error in
            XCTAssertEqual((error as? WorkbenchError)?.message, "refused: the input file is bad")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertFalse(FileManager.default.fileExists(atPath: (out as NSString).deletingLastPathComponent))
    }

    /// The folder is created after the inputs are checked; a run stopped later (here: diverging)
    /// takes it back, while a folder that existed before is left alone.
    func testADivergedRunLeavesNoOutputFolderItCreated() throws {
        let out = temporaryPath("wb-diverged")
        let options = RunOptions(overrides: [("learning_rate", "10")], outDirectory: out)
        XCTAssertThrowsError(try runExperiment(DivergingExperiment(), options: options))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        XCTAssertThrowsError(try runExperiment(DivergingExperiment(), options: options))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out), "a folder the user made stays")
    }

    func testFullDiskSaysNoSpaceLeftAndLeavesNoResult() throws {
        let dir = temporaryPath("wb-full")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        do { addTeardownBlock(try TinyDisk.mount(at: dir)) } catch let e as TinyDisk.Unavailable { throw XCTSkip(e.reason) }
        // Relaxation with 5000 steps writes a series.csv of several hundred KB into 64 KiB.
        let options = RunOptions(overrides: [("steps", "5000"), ("iterations", "1")], outDirectory: dir)
        XCTAssertThrowsError(try runExperiment(RelaxationExperiment(), options: options)) { error in
            let message = (error as? WorkbenchError)?.message ?? "\(error)"
            XCTAssertEqual(message, "cannot write '\(dir)/series.csv': No space left on device")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "no series.csv, no result.json, no temporary file")
        // A folder the run created itself is taken back when nothing could be written into it.
        let fresh = dir + "/run"
        XCTAssertThrowsError(try runExperiment(RelaxationExperiment(), options: RunOptions(
            overrides: [("steps", "5000"), ("iterations", "1")], outDirectory: fresh)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh))

        XCTAssertThrowsError(try AtomicFile.write(Data(count: 100_000), to: dir + "/big")) { error in
            XCTAssertEqual((error as? WorkbenchError)?.message, "cannot write '\(dir)/big': No space left on device")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [])
    }

    func testSeriesChecksumCountsRowsAndCutLines() {
        XCTAssertEqual(FileChecksum(csv: Data("a,b\n1,2\n3,4\n".utf8)).rows, 2)
        XCTAssertEqual(FileChecksum(csv: Data("a,b\n1,2\n3,".utf8)).rows, 2, "a line cut short still counts, so the CRC tells it apart")
        XCTAssertEqual(FileChecksum(csv: Data("a,b\n".utf8)).rows, 0)
        XCTAssertEqual(FileChecksum(csv: Data()).rows, 0)
        XCTAssertNotEqual(FileChecksum(csv: Data("a,b\n1,2\n".utf8)).crc32, FileChecksum(csv: Data("a,b\n1,3\n".utf8)).crc32)
    }
}

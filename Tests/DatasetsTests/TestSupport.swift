import Foundation
import XCTest
import WorkbenchKit
@testable import Datasets

/// A fresh temporary directory, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("datasets-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
    return dir
}

func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Asserts that `body` throws a WorkbenchError whose one-line message contains every fragment.
func assertWorkbenchError<T>(_ body: @autoclosure () throws -> T, contains fragments: [String],
                             file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected an error containing \(fragments)", file: file, line: line)
    } catch let error as WorkbenchError {
        XCTAssertFalse(error.message.contains("\n"), "error is not one line: \(error.message)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'", file: file, line: line)
        }
    } catch {
        XCTFail("expected WorkbenchError, got \(error)", file: file, line: line)
    }
}

/// Uncentered moments of `count` draws from a sampler, as TaskStatistics.
func monteCarlo(_ sampler: any ExampleSampler, count: Int, seed: UInt64) -> TaskStatistics {
    let ni = sampler.inputCount, no = sampler.outputCount
    var rng = SeededGenerator(seed: seed)
    var x = [Double](repeating: 0, count: ni), y = [Double](repeating: 0, count: no)
    var sx = [Double](repeating: 0, count: ni * ni), sxy = [Double](repeating: 0, count: ni * no)
    var sy = [Double](repeating: 0, count: no * no)
    var mx = [Double](repeating: 0, count: ni), my = [Double](repeating: 0, count: no)
    for _ in 0..<count {
        x.withUnsafeMutableBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in sampler.draw(x: xp.baseAddress!, y: yp.baseAddress!, using: &rng) }
        }
        for i in 0..<ni {
            mx[i] += x[i]
            for j in 0..<ni { sx[i * ni + j] += x[i] * x[j] }
            for k in 0..<no { sxy[i * no + k] += x[i] * y[k] }
        }
        for k in 0..<no {
            my[k] += y[k]
            for l in 0..<no { sy[k * no + l] += y[k] * y[l] }
        }
    }
    let inv = 1 / Double(count)
    return TaskStatistics(inputCount: ni, outputCount: no, sx: sx.map { $0 * inv }, sxy: sxy.map { $0 * inv },
                          sy: sy.map { $0 * inv }, meanX: mx.map { $0 * inv }, meanY: my.map { $0 * inv },
                          sampleCount: count)
}

func assertClose(_ a: [Double], _ b: [Double], tolerance: Double, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(what): sizes differ", file: file, line: line)
    for (i, (u, v)) in zip(a, b).enumerated() where !(abs(u - v) <= tolerance) {
        XCTFail("\(what)[\(i)]: \(u) vs \(v) (tolerance \(tolerance))", file: file, line: line)
        return
    }
}

/// Exact statistics agree with Monte-Carlo moments within `tolerance` (absolute).
func assertMatchesSampler(_ exact: TaskStatistics, _ sampler: any ExampleSampler, count: Int,
                          tolerance: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(exact.inputCount, sampler.inputCount, file: file, line: line)
    XCTAssertEqual(exact.outputCount, sampler.outputCount, file: file, line: line)
    let mc = monteCarlo(sampler, count: count, seed: 12345)
    assertClose(exact.sx, mc.sx, tolerance: tolerance, "Sx", file: file, line: line)
    assertClose(exact.sxy, mc.sxy, tolerance: tolerance, "Sxy", file: file, line: line)
    assertClose(exact.sy, mc.sy, tolerance: tolerance, "Sy", file: file, line: line)
    assertClose(exact.meanX, mc.meanX, tolerance: tolerance, "meanX", file: file, line: line)
    assertClose(exact.meanY, mc.meanY, tolerance: tolerance, "meanY", file: file, line: line)
}

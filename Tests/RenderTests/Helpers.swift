import Foundation
import XCTest
import Render

/// A fresh empty directory per test, removed afterwards.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("render-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}

func assertColor(_ c: Color, near expected: Color, tolerance: Double = 0.06, _ message: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    let d = max(abs(c.red - expected.red), abs(c.green - expected.green), abs(c.blue - expected.blue))
    XCTAssertLessThanOrEqual(d, tolerance, "\(message): got \(c), expected \(expected)", file: file, line: line)
}

func assertThrowsRenderError(_ body: @autoclosure () throws -> Any, containing parts: [String],
                             file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        guard let e = error as? RenderError else { return XCTFail("not a RenderError: \(error)", file: file, line: line) }
        XCTAssertFalse(e.message.contains("\n"), "error must be one line: \(e.message)", file: file, line: line)
        for p in parts { XCTAssertTrue(e.message.contains(p), "'\(e.message)' should mention '\(p)'", file: file, line: line) }
    }
}

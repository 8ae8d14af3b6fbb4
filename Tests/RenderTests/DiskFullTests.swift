import Foundation
import XCTest
import Render
import TestSupport

/// A full disk is reported as such (errno), and leaves neither a figure nor its CSV behind.
final class DiskFullTests: XCTestCase {
    func testFullDiskSaysNoSpaceAndLeavesNothing() throws {
        let dir = try temporaryDirectory(self)
        do { addTeardownBlock(try TinyDisk.mount(at: dir.path)) } catch let e as TinyDisk.Unavailable { throw XCTSkip(e.reason) }
        // Fill the 64 KiB file system, then try to write a figure.
        try? Data(count: 200_000).write(to: dir.appendingPathComponent("filler"))
        let fig = Figure(width: 6, height: 4)
        fig[0, 0].line(Array(0..<2000).map(Double.init), Array(0..<2000).map { sin(Double($0)) })
        assertThrowsRenderError(try fig.write(to: dir.appendingPathComponent("full.png")),
                                containing: ["full", "No space left on device"])
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "filler" }
        XCTAssertEqual(left, [], "no figure, no data CSV, no temporary file")
    }
}


import Foundation
import XCTest
import Render

/// A full disk is reported as such (errno), and leaves neither a figure nor its CSV behind.
final class DiskFullTests: XCTestCase {
    func testFullDiskSaysNoSpaceAndLeavesNothing() throws {
        let dir = try temporaryDirectory(self)
        try TinyDisk.mount(at: dir, test: self)
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

/// A 64 KiB tmpfs mounted over a test directory (needs root and a kernel that allows it).
enum TinyDisk {
    static func mount(at dir: URL, test: XCTestCase) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.path]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { throw XCTSkip("cannot run /bin/mount to make a small full disk") }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw XCTSkip("cannot mount a 64 KiB tmpfs here (needs root or CAP_SYS_ADMIN); the full-disk path is untested")
        }
        test.addTeardownBlock {
            let u = Process()
            u.executableURL = URL(fileURLWithPath: "/bin/umount")
            u.arguments = [dir.path]
            try? u.run(); u.waitUntilExit()
        }
    }
}

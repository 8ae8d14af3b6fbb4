@testable import FigureKit
import Foundation
import WorkbenchKit
import XCTest

/// A run's claim file: created exclusively, refreshed, taken over only when stale (judged by an
/// injected clock, so no test waits or depends on the machine's speed).
final class RunClaimTests: XCTestCase {
    /// A clock the test moves by hand.
    final class Clock: @unchecked Sendable { var now = 1_000_000.0 }

    func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "claims-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func claims(_ name: String, _ clock: Clock, log: @escaping (String) -> Void = { _ in }) -> RunClaims {
        RunClaims(host: "node-\(name)", pid: 100, token: "token-\(name)", clock: { clock.now }, log: log)
    }

    func testOnlyOneProcessHoldsAClaimAndOthersSeeWho() throws {
        let dir = try folder(), clock = Clock()
        let a = claims("a", clock), b = claims("b", clock)
        XCTAssertEqual(try a.acquire(dir), .acquired)
        guard case .heldBy(let holder) = try b.acquire(dir) else { return XCTFail("b must not get a's claim") }
        XCTAssertEqual(holder, ClaimHolder(host: "node-a", pid: 100, token: "token-a", heartbeat: clock.now))
        XCTAssertEqual("\(holder)", "node-a:100")
        XCTAssertEqual(try a.acquire(dir), .heldBy(holder), "a second thread of a does not claim twice either")
        // Released, the next process gets it.
        b.release(dir)
        XCTAssertNotNil(a.holder(dir), "b cannot release a's claim")
        a.release(dir)
        XCTAssertNil(a.holder(dir))
        XCTAssertEqual(try b.acquire(dir), .acquired)
    }

    func testARefreshedClaimStaysLiveAndAStaleOneIsTakenOverWithALine() throws {
        let dir = try folder(), clock = Clock()
        var said: [String] = []
        let a = claims("a", clock), b = claims("b", clock, log: { said.append($0) })
        XCTAssertEqual(try a.acquire(dir), .acquired)
        clock.now += 250
        XCTAssertTrue(a.refresh(dir))
        clock.now += 250   // 500 s after the claim, 250 after its last heartbeat: live
        guard case .heldBy = try b.acquire(dir) else { return XCTFail("a refreshed claim is live") }
        XCTAssertTrue(said.isEmpty)
        // a stops heartbeating (killed, or its node is gone) and leaves half a run behind.
        let leftover = RunCache.stagingFolder(in: dir, token: "token-a")
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
        clock.now += RunClaims.defaultStaleAfter - 250 + 1
        XCTAssertEqual(try b.acquire(dir), .acquired)
        XCTAssertEqual(said.count, 1)
        XCTAssertTrue(said[0].hasPrefix("taking over the claim of node-a:100 on \(dir): no heartbeat for 5m01s"), said[0])
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover), "the dead holder's staging folder goes")
        XCTAssertEqual(b.holder(dir)?.token, "token-b")
        // a, resumed, learns it lost the claim and cannot release b's.
        XCTAssertFalse(a.refresh(dir))
        a.release(dir)
        XCTAssertEqual(b.holder(dir)?.token, "token-b")
    }

    /// A claim file that holds no line (its creator died between creating and writing it) ages by
    /// its modification time.
    func testAnEmptyClaimFileAgesByItsModificationTime() throws {
        let dir = try folder()
        FileManager.default.createFile(atPath: RunClaims.path(dir), contents: Data())
        let clock = Clock()
        clock.now = Date().timeIntervalSince1970
        let b = claims("b", clock)
        guard case .heldBy = try b.acquire(dir) else { return XCTFail("a fresh empty claim is live") }
        clock.now += RunClaims.defaultStaleAfter + 60
        XCTAssertEqual(try b.acquire(dir), .acquired)
    }

    func testHolderLinesRoundTrip() {
        let h = ClaimHolder(host: "c12.cluster", pid: 4242, token: "abc", heartbeat: 1_700_000_000.25)
        XCTAssertEqual(ClaimHolder(parsing: h.line), h)
        XCTAssertNil(ClaimHolder(parsing: ""))
        XCTAssertNil(ClaimHolder(parsing: "host=x pid=1"))
    }

    func testAnUnwritableRunFolderIsAOneLineError() throws {
        XCTAssertThrowsError(try claims("a", Clock()).acquire("/proc/no-such-run")) { error in
            let message = (error as? WorkbenchError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("cannot create run claim '/proc/no-such-run/claim'"), message)
        }
    }
}

import Foundation
import XCTest
import WorkbenchKit
@testable import Datasets

/// Decompression stops at its cap: a gzip bomb (a long run of zeros, ~1000:1) is refused after
/// inflating little more than the cap, without reading the rest of its compressed bytes, and
/// the output buffer never grows beyond the cap.
final class GzipBombTests: XCTestCase {
    static let bomb: [UInt8] = try! Gzip.compress([UInt8](repeating: 0, count: 64 << 20), level: 9)

    /// "stopped after X of Y compressed bytes" -> (X, Y).
    func stoppedAt(_ message: String) -> (Int, Int)? {
        guard let r = message.range(of: "stopped after ") else { return nil }
        let words = message[r.upperBound...].split(separator: " ")
        guard words.count >= 3, let x = Int(words[0]), let y = Int(words[2]) else { return nil }
        return (x, y)
    }

    func testBombIsRefusedAtTheCapWithoutInflatingTheRest() throws {
        let bomb = Self.bomb
        XCTAssertLessThan(bomb.count, 200_000, "64 MB of zeros compress to ~65 KB")
        let limit = 1 << 20
        do {
            _ = try Gzip.decompress(bomb, file: "bomb.gz", limit: limit)
            XCTFail("a 64 MB stream passed a 1 MB cap")
        } catch let error as WorkbenchError {
            XCTAssertTrue(error.message.hasPrefix("bomb.gz: decompresses to more than 1048576 bytes"), error.message)
            let (consumed, total) = try XCTUnwrap(stoppedAt(error.message), error.message)
            XCTAssertEqual(total, bomb.count)
            // 1 MB of output needs ~1/64 of the input: it stopped early, not after inflating all 64 MB.
            XCTAssertLessThan(consumed, total / 16, error.message)
        }
    }

    /// A bomb of zeros named as an MNIST file has no IDX header: it is refused after inflating
    /// its first 16 bytes.
    func testHeaderlessBombIsRefusedAfterItsFirstBytes() throws {
        let dir = try temporaryDirectory(self)
        let path = dir + "/train-images-idx3-ubyte.gz"
        try write(Self.bomb, to: path)
        assertWorkbenchError(try IDX.readImages(path: path), contains: [path, "wrong magic number 0x00000000"])
    }

    /// A bomb behind a valid header (60000 x 28 x 28, 47 MB declared; 64 MB follow) is stopped
    /// at the declared size plus a little, never inflated to the general cap.
    func testBombBehindAValidHeaderStopsAtTheDeclaredSize() throws {
        let header = IDX.encode(magic: IDX.imagesMagic, dimensions: [60000, 28, 28], payload: [])
        let declared = header.count + 60000 * 28 * 28
        let bomb = try Gzip.compress(header + [UInt8](repeating: 0, count: 64 << 20), level: 9)
        let dir = try temporaryDirectory(self)
        let path = dir + "/train-images-idx3-ubyte.gz"
        try write(bomb, to: path)
        assertWorkbenchError(try IDX.readImages(path: path),
                             contains: [path, "decompresses to more than \(declared + FileBytes.trailingSlack) bytes",
                                        "its header declares \(declared) bytes"])
        // The general cap still applies to a file whose header declares more than it allows.
        assertWorkbenchError(try FileBytes(path: path, decompressionLimit: 4 << 20, declaredLength: IDX.declaredLength),
                             contains: [path, "decompresses to more than 4194304 bytes", "expected an MNIST-sized file"])
    }

    /// Output of exactly the cap passes; one byte over does not. The buffer holds at most the cap
    /// plus one byte (plus allocator rounding), whatever ISIZE claims.
    func testTheCapIsExactAndTheBufferStaysWithinIt() throws {
        let payload = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }
        let compressed = try Gzip.compress(payload)
        let out = try Gzip.decompress(compressed, file: "x", limit: payload.count)
        XCTAssertEqual(out, payload)
        XCTAssertLessThanOrEqual(out.capacity, payload.count + 1 + 65536)
        assertWorkbenchError(try Gzip.decompress(compressed, file: "x", limit: payload.count - 1),
                             contains: ["x: decompresses to more than \(payload.count - 1) bytes"])
        // A forged ISIZE (the trailer's length field) claiming 4 GB cannot make it reserve more.
        var forged = compressed
        for k in 1...4 { forged[forged.count - k] = 0xff }
        assertWorkbenchError(try Gzip.decompress(forged, file: "forged", limit: payload.count),
                             contains: ["forged: corrupt gzip data"])
    }
}

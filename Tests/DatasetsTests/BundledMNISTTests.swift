import Foundation
import XCTest
import WorkbenchKit
@testable import Datasets
import TestSupport

/// The copy of MNIST that travels with the project: found without configuration, checked
/// against its recorded sha256, and refused with a one-line remedy when damaged.
final class BundledMNISTTests: XCTestCase {
    func testTheBundledFilesMatchTheirRecordedChecksums() throws {
        let dir = try bundledMNISTDirectory()
        XCTAssertEqual(BundledMNIST.sha256.count, 4)
        for (name, expected) in BundledMNIST.sha256 {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            XCTAssertEqual(SHA256.hex(bytes), expected, name)
            XCTAssertEqual(BundledMNIST.expectedChecksum(of: dir + "/" + name), expected, "\(name) is recognized as bundled")
        }
    }

    func testSHA256MatchesKnownVectors() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// One flipped byte in a bundled file: the check names the file, both checksums and the remedy.
    func testADamagedCopyIsRefusedWithBothChecksums() throws {
        let dir = try bundledMNISTDirectory()
        let name = "t10k-labels-idx1-ubyte.gz"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
        bytes[bytes.count / 2] ^= 0x01
        let expected = BundledMNIST.sha256[name]!
        assertWorkbenchError(try BundledMNIST.verify(bytes, path: dir + "/" + name, expected: expected),
                             contains: [name, "expected \(expected)", "sha256 is \(SHA256.hex(bytes))", "restore it", "--mnist DIR"])
    }

    /// A user's folder is not the bundled copy: its files carry no recorded checksum.
    func testAUsersFolderIsNotCheckedAgainstTheBundledChecksums() throws {
        let dir = try temporaryDirectory(self)
        XCTAssertNil(BundledMNIST.expectedChecksum(of: dir + "/t10k-labels-idx1-ubyte.gz"))
    }

    /// --mnist DIR, then $MNIST_DIR, then the bundled copy.
    func testLookupOrder() throws {
        XCTAssertEqual(try MNISTLocation.resolve(explicit: "/a", environment: ["MNIST_DIR": "/b"]), "/a")
        XCTAssertEqual(try MNISTLocation.resolve(explicit: nil, environment: ["MNIST_DIR": "/b"]), "/b")
        XCTAssertEqual(try MNISTLocation.resolve(explicit: nil, environment: ["MNIST_DIR": ""]), try bundledMNISTDirectory())
        XCTAssertEqual(try MNISTLocation.resolve(explicit: nil, environment: [:]), try bundledMNISTDirectory())
    }

    /// The training split, as the paper: App. K.4's printed L* and App. K.5's digit order.
    func testTheTrainingSplitGivesThePapersPrintedNumbers() throws {
        let table = try DigitPairTable(directory: try bundledMNISTDirectory(), split: .train)
        XCTAssertEqual(table.digitCounts.reduce(0, +), 60000)
        XCTAssertEqual((table.values[0][1]! * 100).rounded() / 100, 0.02)
        XCTAssertEqual((table.values[7][1]! * 1000).rounded() / 1000, 0.036)
        XCTAssertEqual((table.values[8][9]! * 1000).rounded() / 1000, 0.055)
        XCTAssertEqual(table.easiestFirst, [0, 6, 1, 4, 7, 9, 2, 3, 8, 5])
        // Swapping the one-hot columns does not change the best linear fit.
        for a in 0..<10 { for b in 0..<10 where a != b { XCTAssertEqual(table.values[a][b]!, table.values[b][a]!, accuracy: 1e-12) } }
    }
}

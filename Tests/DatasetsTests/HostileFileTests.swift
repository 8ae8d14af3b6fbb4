import Foundation
import XCTest
import WorkbenchKit
@testable import Datasets

/// Data paths that are not files, and images without ink, end in one line naming the file.
final class HostileFileTests: XCTestCase {
    /// A small MNIST test split: `count` 28x28 images (all blank) labeled 0, 1, ..., 9, 0, 1...
    private func writeSplit(in dir: String, count: Int = 20, images: Bool = true) throws {
        var labels: [UInt8] = [0, 0, 8, 1] + bigEndian(count)
        labels += (0..<count).map { UInt8($0 % 10) }
        try write(labels, to: "\(dir)/t10k-labels-idx1-ubyte")
        guard images else { return }
        var pixels: [UInt8] = [0, 0, 8, 3] + bigEndian(count) + bigEndian(28) + bigEndian(28)
        pixels += [UInt8](repeating: 0, count: count * 784)
        try write(pixels, to: "\(dir)/t10k-images-idx3-ubyte")
    }

    private func bigEndian(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (24 - 8 * $0)) & 0xff) } }

    func testAnImagesPathThatIsADirectoryIsNotARegularFile() throws {
        let dir = try temporaryDirectory(self)
        try writeSplit(in: dir, images: false)
        try FileManager.default.createDirectory(atPath: "\(dir)/t10k-images-idx3-ubyte", withIntermediateDirectories: false)
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: ["\(dir)/t10k-images-idx3-ubyte", "not a regular file", "a directory"])
    }

    func testAFIFOIsRefusedWithoutBlocking() throws {
        let dir = try temporaryDirectory(self)
        try writeSplit(in: dir, images: false)
        XCTAssertEqual(mkfifo("\(dir)/t10k-images-idx3-ubyte", 0o600), 0)
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: ["\(dir)/t10k-images-idx3-ubyte", "not a regular file", "a FIFO"])
    }

    func testALinkToDevZeroIsRefusedWithoutReadingForever() throws {
        let dir = try temporaryDirectory(self)
        try writeSplit(in: dir, images: false)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/t10k-images-idx3-ubyte", withDestinationPath: "/dev/zero")
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: ["\(dir)/t10k-images-idx3-ubyte", "not a regular file", "a device"])
    }

    func testAnUnreadableImagesFileSaysPermissionDenied() throws {
        guard getuid() != 0 else { throw XCTSkip("root reads every file; run as a user to check the permission message") }
        let dir = try temporaryDirectory(self)
        try writeSplit(in: dir)
        XCTAssertEqual(chmod("\(dir)/t10k-images-idx3-ubyte", 0), 0)
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: ["\(dir)/t10k-images-idx3-ubyte", "Permission denied"])
    }

    func testAnMNISTDirectoryThatIsAFileSaysSo() throws {
        let dir = try temporaryDirectory(self)
        try write([1, 2, 3], to: "\(dir)/file")
        assertWorkbenchError(try MNISTImages(directory: "\(dir)/file", split: .test),
                             contains: ["MNIST directory \(dir)/file is not a directory"])
        assertWorkbenchError(try MNISTImages(directory: "\(dir)/none", split: .test),
                             contains: ["MNIST directory \(dir)/none does not exist"])
    }

    func testAllBlankImagesNameTheFileAndTheDigits() throws {
        let dir = try temporaryDirectory(self)
        try writeSplit(in: dir)
        assertWorkbenchError(try DigitPairLoss(directory: dir, split: .test, digits: [3, 5]),
                             contains: ["MNIST test images \(dir)/t10k-images-idx3-ubyte", "digits 3,5", "Sx", "is 0 in every example"])
        // The 10 x 10 table stops at the first pair, which it names.
        assertWorkbenchError(try DigitPairTable(directory: dir, split: .test),
                             contains: ["MNIST test images \(dir)/t10k-images-idx3-ubyte", "digits 0,1", "Sx"])
    }

    func testAZeroMatrixIsReportedAsZeroNotAsACombination() {
        assertWorkbenchError(try Cholesky([0, 0, 0, 0], size: 2, name: "Sx"), contains: ["Sx is zero", "every input is 0"])
        assertWorkbenchError(try Cholesky([1, 1, 1, 1], size: 2, name: "Sx"),
                             contains: ["pivot 1", "input 1 is a linear combination of the inputs before it"])
        assertWorkbenchError(try Cholesky([1, 0, 0, 0], size: 2, name: "Sx"), contains: ["pivot 1", "input 1 is 0 in every example"])
    }
}

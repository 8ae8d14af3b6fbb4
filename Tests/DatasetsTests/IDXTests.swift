import XCTest
import WorkbenchKit
@testable import Datasets

/// IDX/gzip reading on tiny files written to a temporary directory: round trips and every
/// malformed-input case, each error naming the offending file.
final class IDXTests: XCTestCase {
    let count = 3
    var pixels: [UInt8] { (0..<(count * 784)).map { UInt8(truncatingIfNeeded: $0 &* 37) } }
    let labels: [UInt8] = [7, 2, 1]
    var imageFile: [UInt8] { IDX.encode(magic: IDX.imagesMagic, dimensions: [count, 28, 28], payload: pixels) }
    var labelFile: [UInt8] { IDX.encode(magic: IDX.labelsMagic, dimensions: [count], payload: labels) }

    func testEncodedHeaderIsBigEndianLeCunFormat() {
        XCTAssertEqual(Array(labelFile.prefix(8)), [0, 0, 8, 1, 0, 0, 0, 3])
        XCTAssertEqual(Array(imageFile.prefix(16)), [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 28, 0, 0, 0, 28])
    }

    func testRawRoundTrip() throws {
        let dir = try temporaryDirectory(self)
        try write(imageFile, to: dir + "/t10k-images-idx3-ubyte")
        try write(labelFile, to: dir + "/t10k-labels-idx1-ubyte")
        let set = try MNISTImages(directory: dir, split: .test)
        XCTAssertEqual(set.count, 3)
        XCTAssertEqual(set.pixels, pixels)
        XCTAssertEqual(set.labels, labels)
        XCTAssertEqual(set.digitCounts[7], 1)
    }

    func testGzipRoundTripDetectedByMagicNotName() throws {
        let dir = try temporaryDirectory(self)
        let compressed = try Gzip.compress(imageFile)
        XCTAssertEqual(Array(compressed.prefix(2)), [0x1f, 0x8b])
        XCTAssertEqual(try Gzip.decompress(compressed, file: "x"), imageFile)
        try write(compressed, to: dir + "/train-images-idx3-ubyte.gz")
        // A gzipped file under the raw name still reads: detection is by magic bytes.
        try write(try Gzip.compress(labelFile), to: dir + "/train-labels-idx1-ubyte")
        let set = try MNISTImages(directory: dir, split: .train)
        XCTAssertEqual(set.pixels, pixels)
        XCTAssertEqual(set.labels, labels)
    }

    func testConcatenatedGzipMembersAreOneStream() throws {
        let a = try Gzip.compress(Array(imageFile.prefix(100)))
        let b = try Gzip.compress(Array(imageFile.dropFirst(100)))
        XCTAssertEqual(try Gzip.decompress(a + b, file: "x"), imageFile)
    }

    func testMissingFilesNameTheExpectedFileAndDirectory() throws {
        let dir = try temporaryDirectory(self)
        try write(labelFile, to: dir + "/train-labels-idx1-ubyte")
        assertWorkbenchError(try MNISTImages(directory: dir, split: .train),
                             contains: ["train images", dir, "train-images-idx3-ubyte or train-images-idx3-ubyte.gz", "--split test"])
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: ["t10k-images-idx3-ubyte", dir])
        assertWorkbenchError(try MNISTImages(directory: dir + "/nope", split: .test),
                             contains: [dir + "/nope", "does not exist"])
    }

    func testWrongMagic() throws {
        let dir = try temporaryDirectory(self)
        try write(labelFile, to: dir + "/t10k-images-idx3-ubyte")   // labels where images belong
        try write(labelFile, to: dir + "/t10k-labels-idx1-ubyte")
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: [dir + "/t10k-images-idx3-ubyte", "wrong magic number 0x00000801", "byte offset 0", "2051", "labels file"])
    }

    func testTruncatedAndTrailingBytesNameFileAndOffset() throws {
        let dir = try temporaryDirectory(self)
        let path = dir + "/images"
        try write(Array(imageFile.dropLast(5)), to: path)
        assertWorkbenchError(try IDX.readImages(path: path),
                             contains: [path, "truncated", "byte offset \(16 + 3 * 784 - 5)", "\(16 + 3 * 784) bytes"])
        try write(imageFile + [1, 2], to: path)
        assertWorkbenchError(try IDX.readImages(path: path),
                             contains: [path, "2 trailing bytes", "byte offset \(16 + 3 * 784)"])
        try write(Array(imageFile.prefix(10)), to: path)
        assertWorkbenchError(try IDX.readImages(path: path), contains: [path, "header truncated", "byte offset 10"])
        try write(IDX.encode(magic: IDX.imagesMagic, dimensions: [Int(UInt32.max), 28, 28], payload: []), to: path)
        assertWorkbenchError(try IDX.readImages(path: path), contains: [path, "MNIST-sized"])
        try write([], to: path)
        assertWorkbenchError(try IDX.readImages(path: path), contains: [path, "byte offset 0", "magic"])
        try write([0, 0], to: path)
        assertWorkbenchError(try IDX.readImages(path: path), contains: [path, "magic"])
        // Inside a .gz, offsets refer to the decompressed stream and say so.
        try write(try Gzip.compress(Array(labelFile.dropLast(1))), to: path)
        assertWorkbenchError(try IDX.readLabels(path: path),
                             contains: [path, "truncated", "byte offset 10 of the decompressed data"])
    }

    func testCorruptAndTruncatedGzip() throws {
        let dir = try temporaryDirectory(self)
        let path = dir + "/t10k-images-idx3-ubyte.gz"
        var corrupt = try Gzip.compress(imageFile)
        for i in 12..<min(40, corrupt.count - 8) { corrupt[i] ^= 0x5a }
        try write(corrupt, to: path)
        assertWorkbenchError(try IDX.readImages(path: path), contains: [path, "corrupt gzip data", "byte offset"])
        let whole = try Gzip.compress(imageFile)
        try write(Array(whole.prefix(whole.count / 2)), to: path)
        assertWorkbenchError(try IDX.readImages(path: path), contains: [path, "gzip stream truncated"])
        // A damaged CRC trailer is caught too (zlib checks it).
        var badCRC = whole
        badCRC[badCRC.count - 6] ^= 0xff
        try write(badCRC, to: path)
        assertWorkbenchError(try IDX.readImages(path: path), contains: [path, "corrupt gzip data"])
        try write(whole + [0x00, 0x01, 0x02], to: path)
        assertWorkbenchError(try IDX.readImages(path: path), contains: [path, "3 trailing bytes after the gzip stream"])
    }

    func testCountMismatchBadLabelAndWrongSize() throws {
        let dir = try temporaryDirectory(self)
        try write(imageFile, to: dir + "/t10k-images-idx3-ubyte")
        try write(IDX.encode(magic: IDX.labelsMagic, dimensions: [2], payload: [1, 2]), to: dir + "/t10k-labels-idx1-ubyte.gz")
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: [dir + "/t10k-images-idx3-ubyte", "3 images", dir + "/t10k-labels-idx1-ubyte.gz", "2 labels"])
        try write(IDX.encode(magic: IDX.labelsMagic, dimensions: [3], payload: [1, 12, 2]), to: dir + "/t10k-labels-idx1-ubyte.gz")
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: ["t10k-labels-idx1-ubyte.gz", "label 12 at byte offset 9", "0-9"])
        try write(IDX.encode(magic: IDX.imagesMagic, dimensions: [1, 20, 20], payload: [UInt8](repeating: 0, count: 400)),
                  to: dir + "/t10k-images-idx3-ubyte")
        try write(IDX.encode(magic: IDX.labelsMagic, dimensions: [1], payload: [1]), to: dir + "/t10k-labels-idx1-ubyte.gz")
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: ["t10k-images-idx3-ubyte", "20 x 20", "28 x 28"])
        try write(IDX.encode(magic: IDX.imagesMagic, dimensions: [0, 28, 28], payload: []), to: dir + "/t10k-images-idx3-ubyte")
        assertWorkbenchError(try MNISTImages(directory: dir, split: .test),
                             contains: ["t10k-images-idx3-ubyte", "dimension 0 is 0", "byte offset 4"])
    }
}

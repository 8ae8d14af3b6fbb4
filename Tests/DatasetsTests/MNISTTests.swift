import XCTest
import WorkbenchKit
@testable import Datasets
import TestSupport

/// MNIST tasks on the bundled copy (the test split where 10,000 images suffice).
final class MNISTTests: XCTestCase {
    func testStatisticsAreAveragesOverTheChosenDigitsInTupleOrder() throws {
        let images = try MNISTImages(directory: try bundledMNISTDirectory(), split: .test)
        XCTAssertEqual(images.count, 10000)
        let data = try MNIST.dataset(images: images, digits: [7, 1])
        let s = data.train
        let counts = images.digitCounts
        XCTAssertEqual(s.inputCount, 26)
        XCTAssertEqual(s.outputCount, 2)
        XCTAssertEqual(s.sampleCount, counts[7] + counts[1])
        XCTAssertEqual(data.classNames, ["7", "1"])
        // Column 0 is digit 7: its frequency is <y_0^2> and <y_0>.
        let p7 = Double(counts[7]) / Double(counts[7] + counts[1])
        assertClose(s.sy, [p7, 0, 0, 1 - p7], tolerance: 1e-15, "Sy")
        XCTAssertEqual(s.meanY[0], p7, accuracy: 1e-15)
        XCTAssertEqual(data.classProbabilities[0], p7, accuracy: 1e-15)
        // The bias: <1 * 1> = 1, <x_bias y> = class frequencies, <x_bias> = 1.
        XCTAssertEqual(s.sx[25 * 26 + 25], 1, accuracy: 1e-14)
        XCTAssertEqual(s.sxy[25 * 2 + 0], p7, accuracy: 1e-14)
        XCTAssertEqual(s.meanX[25], 1, accuracy: 1e-14)
        for i in 0..<26 { for j in 0..<26 { XCTAssertEqual(s.sx[i * 26 + j], s.sx[j * 26 + i], accuracy: 1e-15) } }
        // Mixture identity: the task's moments are the class-probability-weighted class moments.
        for k in 0..<(26 * 26) {
            let mix = zip(data.classProbabilities, data.classStatistics).reduce(0) { $0 + $1.0 * $1.1.sx[k] }
            XCTAssertEqual(s.sx[k], mix, accuracy: 1e-13)
        }
        // The moments are direct averages over the kept downsampled examples.
        let examples = try MNISTExamples(images: images, digits: [7, 1])
        var direct = 0.0, directY = 0.0
        for e in 0..<examples.count {
            direct += examples.inputs[e * 26 + 12] * examples.inputs[e * 26 + 7]
            if examples.labels[e] == 1 { directY += examples.inputs[e * 26 + 12] }
        }
        XCTAssertEqual(s.sx[12 * 26 + 7], direct / Double(examples.count), accuracy: 1e-13)
        XCTAssertEqual(s.sxy[12 * 2 + 1], directY / Double(examples.count), accuracy: 1e-13)
    }

    func testHeldOutSplitFillsTestStatistics() throws {
        let images = try MNISTImages(directory: try bundledMNISTDirectory(), split: .test)
        let data = try MNIST.dataset(images: images, digits: [1, 3], heldOut: images)
        XCTAssertEqual(data.test, data.train)
        XCTAssertNil(try MNIST.dataset(images: images, digits: [1, 3]).test)
    }

    func testSamplerDrawsKeptExamplesWithOneHotTargets() throws {
        let data = try MNIST.load(directory: try bundledMNISTDirectory(), split: .test, digits: [8, 9])
        // Moments of 40000 draws approach the exact averages (pixels lie in [0, 1]).
        assertMatchesSampler(data.train, data.sampler, count: 40_000, tolerance: 0.01)
    }

    /// A user's folder with only the t10k files: the message names the missing training file.
    func testTrainImagesMissingSuggestsTestSplit() throws {
        let bundled = try bundledMNISTDirectory()
        let dir = try temporaryDirectory(self)
        for name in ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
            try FileManager.default.copyItem(atPath: bundled + "/" + name, toPath: dir + "/" + name)
        }
        assertWorkbenchError(try MNIST.load(directory: dir, split: .train, digits: [1, 3], store: MNISTStore()),
                             contains: ["train images not found", dir, "train-images-idx3-ubyte.gz", "--split test"])
        XCTAssertEqual(try MNIST.load(directory: dir, split: .test, digits: [1, 3], store: MNISTStore()).train.outputCount, 2)
    }

    func testDigitListsAreValidated() {
        XCTAssertEqual(try MNIST.parseDigits("7, 1"), [7, 1])
        assertWorkbenchError(try MNIST.parseDigits("7,x"), contains: ["'x'", "7,1"])
        assertWorkbenchError(try MNIST.parseDigits("3,3"), contains: ["repeats"])
        assertWorkbenchError(try MNIST.parseDigits("1,10"), contains: ["10 is not a digit"])
        assertWorkbenchError(try MNIST.parseDigits(""), contains: ["''"])
    }

    /// The store reads a split once and hands every digit tuple the same numbers that resizing
    /// only that tuple's images gives, bit for bit.
    func testTheStoreGivesWhatReadingTheTupleAloneGives() throws {
        let dir = try bundledMNISTDirectory()
        let store = MNISTStore()
        let viaStore = try MNIST.load(directory: dir, split: .test, digits: [7, 1], store: store)
        let direct = try MNIST.dataset(images: MNISTImages(directory: dir, split: .test), digits: [7, 1])
        XCTAssertEqual(viaStore.train, direct.train)
        XCTAssertEqual(viaStore.classProbabilities, direct.classProbabilities)
        XCTAssertEqual(viaStore.classStatistics, direct.classStatistics)
        let again = try store.split(directory: dir, .test)
        let first = try store.split(directory: dir, .test)
        XCTAssertEqual(again.examples.inputs, first.examples.inputs)
        XCTAssertEqual(again.examples.count, 10000)
    }
}

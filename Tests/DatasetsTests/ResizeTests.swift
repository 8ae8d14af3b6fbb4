import XCTest
import WorkbenchKit
@testable import Datasets
import TestSupport

/// The 28x28 -> 5x5 downsampling must reproduce skimage.transform.resize with its defaults.
final class ResizeTests: XCTestCase {
    /// Expected values were produced with scikit-image 0.26.0 (scipy 1.x, numpy 2.x) by:
    ///
    ///     pip install scikit-image
    ///     python3 -c "import gzip, numpy as np; from skimage.transform import resize
    ///     raw = gzip.open('Sources/Datasets/Resources/mnist/t10k-images-idx3-ubyte.gz').read()
    ///     imgs = np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 28, 28)
    ///     [print(i, [float(v) for v in resize(imgs[i], (5, 5)).ravel()]) for i in (0, 1, 2, 9999)]"
    static let expected: [Int: [Double]] = [
        0: [0.0017110500664629165, 0.017498636001832907, 0.011308309602131505, 0.007813686916492162, 0.0005455574751664295,
            0.024218284519666823, 0.2682326054193815, 0.31556034357217333, 0.31559865078581356, 0.02487542041385783,
            0.0017769045790158428, 0.023180235729780355, 0.1381571192983675, 0.3294439964767618, 0.014978209849086337,
            2.1258523102912324e-05, 0.020857148073637914, 0.3197237822820997, 0.10319788460910252, 0.0006227408447881178,
            0.00032479496311301864, 0.11209374958719479, 0.3340604646166483, 0.011015726248444498, 4.744363332421281e-06],
        1: [0.002615948629349222, 0.14495451731976636, 0.32304097529302, 0.05848648255933865, 0.0001474204399480694,
            0.0061348967915002845, 0.19194101680371942, 0.46220082824839837, 0.11755734043202647, 0.0003095415456351084,
            0.001951895661689337, 0.18738452303198933, 0.36669683375710616, 0.0245245576969719, 0.007502568506057401,
            0.008744492053968137, 0.3960535537956394, 0.4214881026030589, 0.30905082744818996, 0.2470141409657577,
            0.0010980377442720225, 0.06112983138505795, 0.1347450515974803, 0.10174508055307423, 0.04564326039416082],
        2: [0.0, 7.980881277405625e-05, 0.030488371293614862, 0.054038513675885025, 0.0004977452539646259,
            1.7289514092373705e-09, 0.001546543488385643, 0.16782042393087548, 0.11780590924499053, 0.0005662252319464454,
            1.955338445847633e-06, 0.013416309677378106, 0.29641855727293065, 0.050210063063767074, 5.8295260095912523e-05,
            5.7025986486951104e-05, 0.05448733901326971, 0.3170878131537298, 0.012197521902922375, 8.59402743355876e-07,
            4.966642380645734e-05, 0.027117907636396946, 0.07947456884059997, 0.0013207779387592949, 1.9262002519287738e-10],
        9999: [8.032190884955057e-05, 0.01977449378920798, 0.2069001668943118, 0.3396956174931037, 0.02522697981244888,
               0.0024919442791398526, 0.1794950906536973, 0.5865838382019468, 0.15595581078796467, 0.00811888325753133,
               0.038846314228181564, 0.5532163749413166, 0.45083828026330997, 0.5187333808118214, 0.15522633743783837,
               0.04710056536378986, 0.5767796209647109, 0.6883088278068313, 0.5044547951049786, 0.0892558359028565,
               0.0017231116479832992, 0.04199803714781883, 0.07113212514000034, 0.03193457105674102, 0.0015986487193029057],
    ]

    func testMatchesScikitImageOnRealMNIST() throws {
        let images = try MNISTImages(directory: try bundledMNISTDirectory(), split: .test)
        let resize = try AntiAliasedResize(inputRows: 28, inputColumns: 28, outputRows: 5, outputColumns: 5)
        for (index, want) in Self.expected {
            let got = resize.apply(Array(images.pixels[(index * 784)..<((index + 1) * 784)]))
            // Only summation order differs from scipy: agreement to rounding level.
            assertClose(got, want, tolerance: 1e-13, "image \(index)")
        }
        // The same values come out of the example table, followed by the bias.
        let examples = try MNISTExamples(images: images)
        XCTAssertEqual(examples.inputCount, 26)
        assertClose(Array(examples.inputs[(9999 * 26)..<(9999 * 26 + 25)]), Self.expected[9999]!, tolerance: 1e-13, "row 9999")
        XCTAssertEqual(examples.inputs[9999 * 26 + 25], 1)
    }

    func testConstantImageStaysConstantAndRowsSumToOne() throws {
        // The blur and the bilinear weights are both normalized, so a flat image stays flat.
        let resize = try AntiAliasedResize(inputRows: 28, inputColumns: 28, outputRows: 5, outputColumns: 5)
        for v in resize.apply([UInt8](repeating: 200, count: 784)) { XCTAssertEqual(v, 200.0 / 255, accuracy: 1e-15) }
        for o in 0..<5 {
            XCTAssertEqual(resize.rowWeights[(o * 28)..<((o + 1) * 28)].reduce(0, +), 1, accuracy: 1e-14)
        }
        XCTAssertEqual(AntiAliasedResize.mirror(-2, size: 28), 2)
        XCTAssertEqual(AntiAliasedResize.mirror(29, size: 28), 25)
    }
}

import Foundation
import WorkbenchKit

/// Reproduces `skimage.transform.resize(image, (outRows, outCols))` with its defaults, which is
/// how the authors shrank MNIST to 5 x 5: uint8 -> float64 by x/255 (preserve_range=False),
/// a Gaussian blur with sigma = max(0, (factor - 1)/2) per axis (anti_aliasing=True, scipy
/// `gaussian_filter`, truncate 4, mode 'mirror' = numpy 'reflect'), then order-1 (bilinear)
/// `scipy.ndimage.zoom` with grid_mode=True, then clipping to the input's value range.
///
/// Blur and bilinear sampling are both linear and separable, so each axis collapses into one
/// out x in matrix and a resize is `A_rows * image * A_cols^T`: ~4600 multiply-adds for
/// 28 x 28 -> 5 x 5 instead of blurring all 784 pixels.
public struct AntiAliasedResize: Sendable {
    public let inputRows: Int, inputColumns: Int
    public let outputRows: Int, outputColumns: Int
    /// outputRows x inputRows and outputColumns x inputColumns, row-major.
    let rowWeights: [Double]
    let columnWeights: [Double]

    public init(inputRows: Int, inputColumns: Int, outputRows: Int, outputColumns: Int) throws {
        guard inputRows > 0, inputColumns > 0, outputRows > 0, outputColumns > 0 else {
            throw WorkbenchError("resize: sizes \(inputRows) x \(inputColumns) -> \(outputRows) x \(outputColumns) must be positive")
        }
        self.inputRows = inputRows; self.inputColumns = inputColumns
        self.outputRows = outputRows; self.outputColumns = outputColumns
        rowWeights = Self.axisWeights(input: inputRows, output: outputRows)
        columnWeights = Self.axisWeights(input: inputColumns, output: outputColumns)
    }

    /// The combined blur-then-sample matrix of one axis (output x input).
    static func axisWeights(input n: Int, output m: Int) -> [Double] {
        let factor = Double(n) / Double(m)
        let blur = gaussianMatrix(size: n, sigma: max(0, (factor - 1) / 2))
        var weights = [Double](repeating: 0, count: m * n)
        for o in 0..<m {
            // grid_mode=True maps pixel centers: output o sits at input coordinate below.
            let x = (Double(o) + 0.5) * factor - 0.5
            let left = Int(x.rounded(.down)), t = x - x.rounded(.down)
            for (index, w) in [(left, 1 - t), (left + 1, t)] where w != 0 {
                let source = mirror(index, size: n)
                for k in 0..<n { weights[o * n + k] += w * blur[source * n + k] }
            }
        }
        return weights
    }

    /// scipy's 1-D Gaussian filter as an n x n matrix: kernel exp(-x^2/(2 sigma^2)) normalized
    /// to sum 1 over radius int(4 sigma + 0.5), boundary mode 'mirror'. sigma ~ 0 is skipped by
    /// scipy (identity), so it is here too.
    static func gaussianMatrix(size n: Int, sigma: Double) -> [Double] {
        var matrix = [Double](repeating: 0, count: n * n)
        guard sigma > 1e-15 else {
            for i in 0..<n { matrix[i * n + i] = 1 }
            return matrix
        }
        let radius = Int(4 * sigma + 0.5)
        var kernel = (-radius...radius).map { x in exp(-0.5 / (sigma * sigma) * Double(x * x)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        for i in 0..<n {
            for k in -radius...radius {
                matrix[i * n + mirror(i + k, size: n)] += kernel[k + radius]
            }
        }
        return matrix
    }

    /// scipy's 'mirror' boundary (d c b | a b c d | c b a), repeated for far-out indices.
    static func mirror(_ index: Int, size n: Int) -> Int {
        if n == 1 { return 0 }
        let period = 2 * (n - 1)
        var i = index % period
        if i < 0 { i += period }
        return i >= n ? period - i : i
    }

    /// Resizes one uint8 image (inputRows x inputColumns, row-major) into `output`
    /// (outputRows x outputColumns, row-major) as float64 in [0, 1]. `scratch` needs
    /// inputRows x outputColumns entries; passing it lets callers avoid an allocation per image.
    public func apply(_ image: UnsafePointer<UInt8>, into output: UnsafeMutablePointer<Double>,
                      scratch: UnsafeMutablePointer<Double>) {
        let n = inputColumns, oc = outputColumns
        var low = UInt8.max, high = UInt8.min
        columnWeights.withUnsafeBufferPointer { cw in
            for r in 0..<inputRows {
                let row = image + r * n
                for j in 0..<oc { scratch[r * oc + j] = 0 }
                for c in 0..<n {
                    let v = row[c]
                    low = min(low, v); high = max(high, v)
                    if v == 0 { continue }  // MNIST is mostly background
                    let value = Double(v)
                    for j in 0..<oc { scratch[r * oc + j] += value * cw[j * n + c] }
                }
            }
        }
        // img_as_float multiplies by 1/255; clip bounds are the converted input's min and max.
        let scale = 1.0 / 255.0
        let lower = Double(low) * scale, upper = Double(high) * scale
        rowWeights.withUnsafeBufferPointer { rw in
            for i in 0..<outputRows {
                for j in 0..<oc {
                    var sum = 0.0
                    for r in 0..<inputRows { sum += rw[i * inputRows + r] * scratch[r * oc + j] }
                    output[i * oc + j] = min(max(sum * scale, lower), upper)
                }
            }
        }
    }

    /// Convenience for a single image given as an array.
    public func apply(_ image: [UInt8]) -> [Double] {
        precondition(image.count == inputRows * inputColumns, "AntiAliasedResize: image size mismatch")
        var output = [Double](repeating: 0, count: outputRows * outputColumns)
        var scratch = [Double](repeating: 0, count: inputRows * outputColumns)
        image.withUnsafeBufferPointer { img in
            output.withUnsafeMutableBufferPointer { out in
                scratch.withUnsafeMutableBufferPointer { s in apply(img.baseAddress!, into: out.baseAddress!, scratch: s.baseAddress!) }
            }
        }
        return output
    }
}

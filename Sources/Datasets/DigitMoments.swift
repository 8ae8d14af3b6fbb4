import WorkbenchKit

/// Per-digit sums of x x^T and x over a set of examples. Because the labels are one-hot, the
/// statistics of any digit tuple are sums of these blocks, so the 45 pairs of the L* table
/// need one pass over the images instead of 45.
public struct DigitMoments: Sendable {
    public let inputCount: Int
    public let split: MNISTSplit
    /// Examples per digit 0-9.
    public let counts: [Int]
    /// Per digit: sum of x x^T (inputCount^2, row-major) and sum of x (inputCount).
    let outerSums: [[Double]]
    let inputSums: [[Double]]

    public init(examples: MNISTExamples) {
        let n = examples.inputCount
        var outer = [[Double]](repeating: [Double](repeating: 0, count: n * n), count: 10)
        var sums = [[Double]](repeating: [Double](repeating: 0, count: n), count: 10)
        var counts = [Int](repeating: 0, count: 10)
        examples.inputs.withUnsafeBufferPointer { x in
            for e in 0..<examples.count {
                let d = Int(examples.labels[e]), row = x.baseAddress! + e * n
                counts[d] += 1
                outer[d].withUnsafeMutableBufferPointer { s in
                    for i in 0..<n {
                        let xi = row[i]
                        if xi == 0 { continue }
                        for j in 0..<n { s[i * n + j] += xi * row[j] }
                    }
                }
                sums[d].withUnsafeMutableBufferPointer { s in
                    for i in 0..<n { s[i] += row[i] }
                }
            }
        }
        inputCount = n
        split = examples.split
        self.counts = counts
        outerSums = outer
        inputSums = sums
    }

    /// Statistics of the task "classify among `digits`", one-hot columns in tuple order,
    /// averaged over every example of those digits: Sx = X^T X / n, Sxy = X^T Y / n, Sy = Y^T Y / n.
    public func statistics(digits: [Int]) throws -> TaskStatistics {
        try MNIST.validate(digits: digits)
        for d in digits where counts[d] == 0 {
            throw WorkbenchError("MNIST \(split.rawValue) split has no images of digit \(d); expected at least one")
        }
        let n = inputCount, o = digits.count
        let total = digits.reduce(0) { $0 + counts[$1] }
        let inv = 1 / Double(total)
        var sx = [Double](repeating: 0, count: n * n)
        var meanX = [Double](repeating: 0, count: n)
        var sxy = [Double](repeating: 0, count: n * o)
        var sy = [Double](repeating: 0, count: o * o)
        var meanY = [Double](repeating: 0, count: o)
        for (column, d) in digits.enumerated() {
            for k in 0..<(n * n) { sx[k] += outerSums[d][k] }
            for i in 0..<n {
                meanX[i] += inputSums[d][i]
                sxy[i * o + column] = inputSums[d][i] * inv
            }
            sy[column * o + column] = Double(counts[d]) * inv
            meanY[column] = Double(counts[d]) * inv
        }
        return TaskStatistics(inputCount: n, outputCount: o, sx: sx.map { $0 * inv }, sxy: sxy, sy: sy,
                              meanX: meanX.map { $0 * inv }, meanY: meanY, sampleCount: total)
    }

    /// Statistics conditional on the class in output column `column` of `digits`: its
    /// examples only, so y is the constant one-hot vector e_column.
    public func classStatistics(digits: [Int], column: Int) throws -> TaskStatistics {
        let single = try statistics(digits: [digits[column]])
        let o = digits.count, n = inputCount
        var sxy = [Double](repeating: 0, count: n * o)
        for i in 0..<n { sxy[i * o + column] = single.meanX[i] }
        var sy = [Double](repeating: 0, count: o * o)
        sy[column * o + column] = 1
        var meanY = [Double](repeating: 0, count: o)
        meanY[column] = 1
        return TaskStatistics(inputCount: n, outputCount: o, sx: single.sx, sxy: sxy, sy: sy,
                              meanX: single.meanX, meanY: meanY, sampleCount: single.sampleCount)
    }
}

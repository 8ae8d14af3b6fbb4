import WorkbenchKit

/// L* for every pair of MNIST digits (the data of the paper's Fig. 18a) and each digit's
/// average over its nine partners (Fig. 18b), which orders digits from easy to hard.
public struct DigitPairTable: Codable, Sendable, Equatable {
    public let split: MNISTSplit
    /// 10 x 10, values[a][b] = L* of the pair (a, b); nil on the diagonal. Symmetric, because
    /// swapping the one-hot columns does not change the best linear fit.
    public let values: [[Double?]]
    /// Mean of each row over its off-diagonal entries.
    public let digitAverages: [Double]
    /// Digits sorted by average L*, easiest first.
    public let easiestFirst: [Int]
    /// Images per digit in the split.
    public let digitCounts: [Int]

    public init(moments: DigitMoments) throws {
        var values = [[Double?]](repeating: [Double?](repeating: nil, count: 10), count: 10)
        for a in 0..<10 {
            for b in (a + 1)..<10 {
                let loss = try naming(digits: [a, b]) { try MinimumLinearError.loss(moments.statistics(digits: [a, b])) }
                values[a][b] = loss
                values[b][a] = loss
            }
        }
        let averages = values.map { row in row.compactMap { $0 }.reduce(0, +) / 9 }
        split = moments.split
        self.values = values
        digitAverages = averages
        easiestFirst = (0..<10).sorted { averages[$0] < averages[$1] }
        digitCounts = moments.counts
    }

    /// Reads the split from `directory` (once per process) and computes the table.
    public init(directory: String, split: MNISTSplit, store: MNISTStore = .shared) throws {
        let data = try store.split(directory: directory, split)
        self = try naming(data) { try DigitPairTable(moments: data.moments) }
    }
}

/// L* of one digit tuple, for `workbench mnist stats --digits a,b`.
public struct DigitPairLoss: Codable, Sendable, Equatable {
    public let split: MNISTSplit
    public let digits: [Int]
    public let minimumLoss: Double
    public let exampleCount: Int
    /// Images per digit, in tuple order.
    public let digitCounts: [Int]

    public init(moments: DigitMoments, digits: [Int]) throws {
        let statistics = try moments.statistics(digits: digits)
        split = moments.split
        self.digits = digits
        minimumLoss = try naming(digits: digits) { try MinimumLinearError.loss(statistics) }
        exampleCount = statistics.sampleCount ?? 0
        digitCounts = digits.map { moments.counts[$0] }
    }

    /// The tuple's L* on the split in `directory` (read once per process).
    public init(directory: String, split: MNISTSplit, digits: [Int], store: MNISTStore = .shared) throws {
        try MNIST.validate(digits: digits)
        let data = try store.split(directory: directory, split)
        self = try naming(data) { try DigitPairLoss(moments: data.moments, digits: digits) }
    }
}

/// Errors of the L* computation (a singular or zero Sx) name the digits...
private func naming<T>(digits: [Int], _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as WorkbenchError {
        throw WorkbenchError("digits \(digits.map(String.init).joined(separator: ",")): \(e.message)")
    }
}

/// ...and the image file they came from.
private func naming<T>(_ data: MNISTStore.Split, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as WorkbenchError {
        throw WorkbenchError("MNIST \(data.examples.split.rawValue) images \(data.imageFile), \(e.message)")
    }
}

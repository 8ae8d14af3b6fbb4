import WorkbenchKit

/// The hierarchical concepts task (paper App. J; Saxe et al. 2019): P = 2^(h-1) items, each
/// described by F = 2^h - 1 binary features, one per node of a binary tree, ordered root ->
/// leaves (the authors' construction order, so feature columns group by hierarchy level).
/// Inputs are one-hot items with no bias.
public struct SemanticHierarchy: ExampleSampler, Sendable {
    public let levels: Int
    public let itemCount: Int
    public let featureCount: Int
    /// H, items x features row-major: H[item, f] = 1 when item lies under tree node f.
    public let features: [Double]
    public var inputCount: Int { itemCount }
    public var outputCount: Int { featureCount }

    /// Memory of Sy grows as 4^h; 10 levels (512 items, 1023 features) is far beyond the paper's h = 4.
    public static let maximumLevels = 10

    public init(levels: Int = 4) throws {
        guard levels >= 1 && levels <= Self.maximumLevels else {
            throw WorkbenchError("semantic hierarchy: parameter levels = \(levels) is out of range; expected an integer in 1...\(Self.maximumLevels)")
        }
        self.levels = levels
        itemCount = 1 << (levels - 1)
        featureCount = (1 << levels) - 1
        // Node f at level l (first node of that level is 2^l - 1) covers a contiguous block
        // of P / 2^l items; this is what "duplicate every column, append identity" builds.
        var h = [Double](repeating: 0, count: itemCount * featureCount)
        for level in 0..<levels {
            let nodes = 1 << level, first = nodes - 1, span = itemCount / nodes
            for node in 0..<nodes {
                for item in node * span ..< (node + 1) * span {
                    h[item * featureCount + first + node] = 1
                }
            }
        }
        features = h
    }

    /// Hierarchy level (0 = root) of each feature column, for per-level plots and controls.
    public var featureLevels: [Int] {
        (0..<levels).flatMap { level in Array(repeating: level, count: 1 << level) }
    }

    /// Items are equally likely: Sx = I/P, Sxy = H/P, Sy = H^T H/P, meanX = 1/P,
    /// meanY = column means of H.
    public var statistics: TaskStatistics {
        let p = itemCount, f = featureCount, invP = 1 / Double(p)
        var sx = [Double](repeating: 0, count: p * p)
        for i in 0..<p { sx[i * p + i] = invP }
        let sxy = features.map { $0 * invP }
        var sy = [Double](repeating: 0, count: f * f)
        var meanY = [Double](repeating: 0, count: f)
        for item in 0..<p {
            let row = item * f
            for a in 0..<f where features[row + a] != 0 {
                meanY[a] += invP
                for b in 0..<f { sy[a * f + b] += features[row + b] * invP }
            }
        }
        return TaskStatistics(inputCount: p, outputCount: f, sx: sx, sxy: sxy, sy: sy,
                              meanX: [Double](repeating: invP, count: p), meanY: meanY)
    }

    public var dataset: Dataset {
        Dataset(name: "semantic", train: statistics, sampler: self, outputGroups: featureLevels)
    }

    public func draw(x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>,
                     using rng: inout SeededGenerator) {
        let item = rng.index(below: itemCount)
        x.update(repeating: 0, count: itemCount)
        x[item] = 1
        for f in 0..<featureCount { y[f] = features[item * featureCount + f] }
    }
}

/// Second-order statistics of a task, all UNCENTERED moments (as the paper's code):
/// `sx` = <x x^T> (I x I), `sxy` = <x y^T> (I x O), `sy` = <y y^T> (O x O), row-major.
/// Inputs include the bias column where the dataset has one.
public struct TaskStatistics: Equatable, Sendable {
    public let inputCount: Int
    public let outputCount: Int
    public var sx: [Double]
    public var sxy: [Double]
    public var sy: [Double]
    public var meanX: [Double]
    public var meanY: [Double]
    /// Number of examples the moments were averaged over (nil for exact, analytic statistics).
    public var sampleCount: Int?
    /// Input ranges drawn independently of each other (concatenated tasks), so every block of
    /// `sx` between two different ranges is the product of their means; nil when unknown. Lets
    /// a model multiply by Sx = blockdiag(centered blocks) + meanX meanX^T at a fraction of the cost.
    public var independentInputBlocks: [Range<Int>]?

    public init(inputCount: Int, outputCount: Int, sx: [Double], sxy: [Double], sy: [Double],
                meanX: [Double], meanY: [Double], sampleCount: Int? = nil) {
        precondition(sx.count == inputCount * inputCount && sxy.count == inputCount * outputCount
                     && sy.count == outputCount * outputCount && meanX.count == inputCount
                     && meanY.count == outputCount, "TaskStatistics: inconsistent shapes")
        self.inputCount = inputCount; self.outputCount = outputCount
        self.sx = sx; self.sxy = sxy; self.sy = sy; self.meanX = meanX; self.meanY = meanY
        self.sampleCount = sampleCount
    }

    /// tr(Sigma_y), the loss of the zero network (before the 1/2).
    public var traceSy: Double { (0..<outputCount).reduce(0) { $0 + sy[$1 * outputCount + $1] } }
}

/// Draws single examples (x, y) for SGD simulations of the network the statistics describe.
/// `x` has `inputCount` entries (bias included), `y` has `outputCount`.
public protocol ExampleSampler: Sendable {
    var inputCount: Int { get }
    var outputCount: Int { get }
    func draw(x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>,
              using rng: inout SeededGenerator)
}

/// A task as the engine sees it: training statistics, optional held-out statistics, a sampler
/// for SGD simulations, and per-class structure where the task is a classification.
public struct Dataset: Sendable {
    public var name: String
    public var train: TaskStatistics
    public var test: TaskStatistics?
    public var sampler: any ExampleSampler
    /// Class labels in output-column order (e.g. ["1", "3"] for MNIST digits (1,3)), if any.
    public var classNames: [String]
    /// Statistics conditional on each class (same order as `classNames`), and the class
    /// probabilities, for experiments that reweight classes (class proportions). Empty if none.
    public var classStatistics: [TaskStatistics]
    public var classProbabilities: [Double]
    /// Group of each output column, e.g. the hierarchy level of a semantic feature. Empty if none.
    public var outputGroups: [Int]

    public init(name: String, train: TaskStatistics, test: TaskStatistics? = nil,
                sampler: any ExampleSampler, classNames: [String] = [],
                classStatistics: [TaskStatistics] = [], classProbabilities: [Double] = [],
                outputGroups: [Int] = []) {
        self.name = name; self.train = train; self.test = test; self.sampler = sampler
        self.classNames = classNames; self.classStatistics = classStatistics
        self.classProbabilities = classProbabilities; self.outputGroups = outputGroups
    }
}

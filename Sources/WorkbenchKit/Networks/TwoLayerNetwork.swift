/// The two-layer linear network y = W2 W1 x learning by gradient flow on second-order statistics
/// (paper Sec. 3, App. H), shared by every plugin that controls it. Its hooks:
///
/// - gains on W1 and/or W2 (eq. 7): W~ = W o (1 + G), per synapse or per neuron (App. H.1.1);
/// - output weighting D = diag(d) of the error (engagement, eqs. 6 and 84): d_o = psi_{group(o)}
///   (per-task, linear) or d_o = phi_o^2 (per-category);
/// - a learning-rate factor (1 + rho) on the whole update (eqs. 28-29);
/// - a schedule of tasks (statistics switching every k steps; the loss is the active task's).
///
/// State: [W1 (H x I) | W2 (O x H)], row-major. Per-step control: [G1 | G2 | engagement | rho],
/// each block present only when enabled. The loss in V is the UNWEIGHTED loss of the modulated
/// network, L = 1/2 <(y - W~2 W~1 x)^2> + O sigma^2 / 2 + lambda/2 (|W1|^2 + |W2|^2), regularizer on
/// the raw weights (reference notes §1).
///
/// This file is the layout (configuration, state and control blocks, statistics); the scratch
/// buffers are in TwoLayerWorkspace.swift, `evaluate` in TwoLayerForward.swift, `pullback` in
/// TwoLayerPullback.swift, the SGD replay in TwoLayerSGD.swift.
public struct TwoLayerNetwork: LearningDynamics {
    public enum GainLayout: Equatable { case none, perSynapse, perNeuron }
    public enum OutputWeighting: Equatable {
        case none
        /// d_o = psi[groupOfOutput[o]], one coefficient per group (task engagement).
        case linear(groupOfOutput: [Int])
        /// d_o = phi_o^2, one coefficient per output (category engagement).
        case squared
    }

    public struct Configuration: Equatable {
        public var hidden: Int
        public var lambda: Double
        public var outputNoise: Double
        public var gains1: GainLayout
        public var gains2: GainLayout
        public var weighting: OutputWeighting
        public var learningRate: Bool
        public init(hidden: Int, lambda: Double, outputNoise: Double = 0, gains1: GainLayout = .none,
                    gains2: GainLayout = .none, weighting: OutputWeighting = .none, learningRate: Bool = false) {
            self.hidden = hidden; self.lambda = lambda; self.outputNoise = outputNoise
            self.gains1 = gains1; self.gains2 = gains2; self.weighting = weighting
            self.learningRate = learningRate
        }
    }

    /// Statistics prepared for the inner loop.
    struct PreparedTask {
        var sx: [Double]
        var sxyT: [Double]   // O x I
        var halfTraceSy: Double
        var meanX: [Double]
        /// With independent input blocks, Sx = blockdiag(centered) + meanX meanX^T (see `timesSx`).
        var sxBlocks: [SxBlock]
    }

    struct SxBlock {
        let start: Int, count: Int
        let centered: [Double]   // count x count: the block of Sx minus its mean product
    }

    public let configuration: Configuration
    public let inputs: Int, hidden: Int, outputs: Int
    let tasks: [PreparedTask]
    /// Steps per task before switching to the next (0 = a single task).
    public let switchEvery: Int

    /// Offsets of the control blocks within one step's control vector.
    public let gain1Range: Range<Int>, gain2Range: Range<Int>, weightingRange: Range<Int>, rateRange: Range<Int>
    public let stateCount: Int
    public let controlCount: Int

    public init(configuration c: Configuration, tasks: [TaskStatistics], switchEvery: Int = 0) {
        precondition(!tasks.isEmpty)
        let first = tasks[0]
        precondition(tasks.allSatisfy { $0.inputCount == first.inputCount && $0.outputCount == first.outputCount },
                     "all tasks of a network must have the same dimensions")
        configuration = c
        inputs = first.inputCount; hidden = c.hidden; outputs = first.outputCount
        let (i, h, o) = (inputs, hidden, outputs)
        self.tasks = tasks.map { s in
            var t = [Double](repeating: 0, count: o * i)
            for a in 0..<i { for b in 0..<o { t[b * i + a] = s.sxy[a * o + b] } }
            let blocks = (s.independentInputBlocks ?? []).map { r in
                SxBlock(start: r.lowerBound, count: r.count, centered: r.flatMap { a in
                    r.map { b in s.sx[a * i + b] - s.meanX[a] * s.meanX[b] }
                })
            }
            return PreparedTask(sx: s.sx, sxyT: t, halfTraceSy: 0.5 * s.traceSy, meanX: s.meanX, sxBlocks: blocks)
        }
        self.switchEvery = switchEvery
        stateCount = h * i + o * h
        let n1 = c.gains1 == .perSynapse ? h * i : (c.gains1 == .perNeuron ? h : 0)
        let n2 = c.gains2 == .perSynapse ? o * h : (c.gains2 == .perNeuron ? o : 0)
        let nw: Int
        switch c.weighting {
        case .none: nw = 0
        case .linear(let groups):
            precondition(groups.count == o, "one group per output expected")
            nw = (groups.max() ?? -1) + 1
        case .squared: nw = o
        }
        gain1Range = 0..<n1
        gain2Range = n1..<(n1 + n2)
        weightingRange = (n1 + n2)..<(n1 + n2 + nw)
        rateRange = (n1 + n2 + nw)..<(n1 + n2 + nw + (c.learningRate ? 1 : 0))
        controlCount = rateRange.upperBound
    }

    public init(configuration c: Configuration, task: TaskStatistics) {
        self.init(configuration: c, tasks: [task])
    }

    /// The index of the task active at a step.
    @inline(__always)
    public func taskIndex(step: Int) -> Int {
        switchEvery > 0 ? (step / switchEvery) % tasks.count : 0
    }

    /// The baseline control: no gain, unit engagement, unit learning rate.
    public var neutralControl: [Double] {
        var g = [Double](repeating: 0, count: controlCount)
        for k in weightingRange { g[k] = 1 }
        return g
    }

    /// W1, W2 ~ N(0, std^2), the paper's small random initialization.
    public func randomInitialState(std: Double, using rng: inout SeededGenerator) -> [Double] {
        (0..<stateCount).map { _ in std * rng.normal() }
    }

    public func makeWorkspace() -> Workspace { Workspace(inputs: inputs, hidden: hidden, outputs: outputs) }

    /// The tape keeps each step's error E = Sxy^T - W Sx, so the pullback skips W = B A and W Sx,
    /// its two largest products when the input is wide (task engagement: 78 inputs).
    public var tapeCount: Int { outputs * inputs }
}

/// A model that can also be trained by real minibatch SGD, to compare the averaged dynamics the
/// engine optimizes with what a network trained on samples does (the paper's shaded curves).
public protocol StochasticModel {
    associatedtype SGDWorkspace: AnyObject
    var stateCount: Int { get }
    var controlCount: Int { get }
    func makeSGDWorkspace(batch: Int) -> SGDWorkspace
    /// Returns the (unweighted, pre-update) batch loss and writes the training gradient of the
    /// batch into `gradient`. `x` is batch x inputs, `y` batch x outputs, row-major.
    func batchLossAndGradient(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                              x: UnsafePointer<Double>, y: UnsafePointer<Double>, batch: Int,
                              gradient: UnsafeMutablePointer<Double>, noise: inout SeededGenerator,
                              workspace: SGDWorkspace) -> Double
}

/// Extra per-step measurements of the SGD weights (e.g. exact per-class losses from class
/// statistics), taken like the batch loss before the step's update and summarized like it.
public struct SGDProbe {
    public var names: [String]
    /// Writes names.count values for the weights `state` at `step` into `out`.
    public var measure: (_ step: Int, _ state: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>) -> Void
    public init(names: [String],
                measure: @escaping (_ step: Int, _ state: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>) -> Void) {
        self.names = names; self.measure = measure
    }
}

/// Mean and standard deviation over independent SGD runs of the batch loss at every step.
public struct SGDSummary {
    public var mean: [Double]
    public var std: [Double]
    /// Final weights of each run.
    public var finalStates: [[Double]]
    /// Per probe quantity (in `SGDProbe.names` order): mean and std over runs at every step.
    public var probeNames: [String] = []
    public var probeMean: [[Double]] = []
    public var probeStd: [[Double]] = []
    /// sgd_loss_mean/std (`RunColumns.sgdLoss`), then sgd_<probe>_mean/std for each probe quantity.
    public var columns: [SeriesColumn] {
        [SeriesColumn(RunColumns.sgdLoss.mean, mean), SeriesColumn(RunColumns.sgdLoss.std, std)]
            + probeNames.indices.flatMap { k in
                [SeriesColumn(SGDColumns(probeNames[k]).mean, probeMean[k]), SeriesColumn(SGDColumns(probeNames[k]).std, probeStd[k])]
            }
    }
}

/// Plain SGD, w <- w - lr * grad, with fresh batches from `sampler`, under per-step controls
/// (steps x controlCount; empty when the model takes none). Run r uses the seed stream r, so
/// results are reproducible and runs independent. `samplerFor(step)` lets a task switch or the
/// batch composition change; it is asked once per step and run, before the batch is drawn.
/// `probe` adds measurements of the weights at every step (before the update).
public func simulateSGD<M: StochasticModel>(model: M, samplerFor: (Int) -> any ExampleSampler, steps: Int,
                                           learningRate: Double, batch: Int, controls: [Double],
                                           initialState: [Double], runs: Int, seed: UInt64,
                                           probe: SGDProbe? = nil) -> SGDSummary {
    let n = model.stateCount, m = model.controlCount
    precondition(controls.isEmpty || controls.count == steps * m)
    precondition(initialState.count == n)
    var sum = [Double](repeating: 0, count: steps), sumSq = sum
    var finals: [[Double]] = []
    let ws = model.makeSGDWorkspace(batch: batch)
    let first = samplerFor(0)
    var x = [Double](repeating: 0, count: batch * first.inputCount)
    var y = [Double](repeating: 0, count: batch * first.outputCount)
    var grad = [Double](repeating: 0, count: n)
    let zeroControl = [Double](repeating: 0, count: max(m, 1))
    let np = probe?.names.count ?? 0
    var probeSum = [Double](repeating: 0, count: np * steps), probeSq = probeSum
    var measured = [Double](repeating: 0, count: max(np, 1))
    for r in 0..<runs {
        var rng = SeededGenerator(seed: seed, stream: UInt64(r) + 1)
        var w = initialState
        for i in 0..<steps {
            let sampler = samplerFor(i)
            let ni = sampler.inputCount, no = sampler.outputCount
            x.withUnsafeMutableBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    for b in 0..<batch {
                        sampler.draw(x: xb.baseAddress! + b * ni, y: yb.baseAddress! + b * no, using: &rng)
                    }
                }
            }
            let loss: Double = controls.withUnsafeBufferPointer { cb in
                zeroControl.withUnsafeBufferPointer { zb in
                    let g = controls.isEmpty ? zb.baseAddress! : cb.baseAddress! + i * m
                    return model.batchLossAndGradient(step: i, state: w, control: g, x: x, y: y, batch: batch,
                                                      gradient: &grad, noise: &rng, workspace: ws)
                }
            }
            sum[i] += loss
            sumSq[i] += loss * loss
            if let probe {
                probe.measure(i, w, &measured)
                for k in 0..<np { probeSum[k * steps + i] += measured[k]; probeSq[k * steps + i] += measured[k] * measured[k] }
            }
            for k in 0..<n { w[k] -= learningRate * grad[k] }
        }
        finals.append(w)
    }
    let count = Double(runs)
    func moments(_ s: ArraySlice<Double>, _ sq: ArraySlice<Double>) -> ([Double], [Double]) {
        let mean = s.map { $0 / count }
        return (mean, zip(sq, mean).map { max($0 / count - $1 * $1, 0).squareRoot() })
    }
    let (mean, std) = moments(sum[...], sumSq[...])
    var summary = SGDSummary(mean: mean, std: std, finalStates: finals)
    if let probe {
        summary.probeNames = probe.names
        for k in 0..<np {
            let (pm, ps) = moments(probeSum[(k * steps)..<((k + 1) * steps)], probeSq[(k * steps)..<((k + 1) * steps)])
            summary.probeMean.append(pm); summary.probeStd.append(ps)
        }
    }
    return summary
}

/// A model that can also be trained by real minibatch SGD, to compare the averaged dynamics the
/// engine optimises with what a network trained on samples does (the paper's shaded curves).
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

/// Mean and standard deviation over independent SGD runs of the batch loss at every step.
public struct SGDSummary {
    public var mean: [Double]
    public var std: [Double]
    /// Final weights of each run.
    public var finalStates: [[Double]]
    public var columns: [SeriesColumn] { [SeriesColumn("sgd_loss_mean", mean), SeriesColumn("sgd_loss_std", std)] }
}

/// Plain SGD, w <- w - lr * grad, with fresh batches from `sampler`, under per-step controls
/// (steps x controlCount; empty when the model takes none). Run r uses the seed stream r, so
/// results are reproducible and runs independent. `samplerFor(step)` lets a task switch.
public func simulateSGD<M: StochasticModel>(model: M, samplerFor: (Int) -> any ExampleSampler, steps: Int,
                                           learningRate: Double, batch: Int, controls: [Double],
                                           initialState: [Double], runs: Int, seed: UInt64) -> SGDSummary {
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
            for k in 0..<n { w[k] -= learningRate * grad[k] }
        }
        finals.append(w)
    }
    let count = Double(runs)
    let mean = sum.map { $0 / count }
    let std = zip(sumSq, mean).map { max($0 / count - $1 * $1, 0).squareRoot() }
    return SGDSummary(mean: mean, std: std, finalStates: finals)
}

/// SGD on the actual two-layer network under the same hooks as the averaged dynamics: gains
/// modulate the weights, engagement weights the training error (the logged loss is unweighted),
/// the learning-rate factor scales the step. Output noise N(0, sigma^2) is added to y-hat.
extension TwoLayerNetwork: StochasticModel {
    public final class SGDWorkspace {
        var hiddenActivity, residual, weightedResidual, backHidden, aGrad, bGrad: [Double]
        let batch: Int
        /// Gains and modulated weights, shared with the averaged dynamics' code.
        let core: Workspace
        init(batch: Int, core: Workspace, _ i: Int, _ h: Int, _ o: Int) {
            self.batch = batch
            self.core = core
            hiddenActivity = [Double](repeating: 0, count: batch * h)
            residual = [Double](repeating: 0, count: batch * o)
            weightedResidual = residual
            backHidden = hiddenActivity
            aGrad = [Double](repeating: 0, count: h * i)
            bGrad = [Double](repeating: 0, count: o * h)
        }
    }

    public func makeSGDWorkspace(batch: Int) -> SGDWorkspace { SGDWorkspace(batch: batch, core: makeWorkspace(), inputs, hidden, outputs) }

    public func batchLossAndGradient(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                                     x: UnsafePointer<Double>, y: UnsafePointer<Double>, batch: Int,
                                     gradient: UnsafeMutablePointer<Double>, noise: inout SeededGenerator,
                                     workspace sw: SGDWorkspace) -> Double {
        let (i, h, o) = (inputs, hidden, outputs)
        let w1 = state, w2 = state + h * i
        let cfg = configuration
        let bf = sw.core.buffers
        // The same gains and modulated weights as the averaged dynamics.
        modulate(w1: w1, w2: w2, control: control, bf: bf)
        let rate = cfg.learningRate ? 1 + control[rateRange.lowerBound] : 1.0
        return sw.hiddenActivity.withUnsafeMutableBufferPointer { hb in
        sw.residual.withUnsafeMutableBufferPointer { rb in
        sw.weightedResidual.withUnsafeMutableBufferPointer { wrb in
        sw.backHidden.withUnsafeMutableBufferPointer { bh in
        sw.aGrad.withUnsafeMutableBufferPointer { ag in
        sw.bGrad.withUnsafeMutableBufferPointer { bg in
            let hAct = hb.baseAddress!, res = rb.baseAddress!, wres = wrb.baseAddress!
            // hidden = X A^T (batch x H), yhat = hidden B^T (batch x O)
            Kernels.gemmNT(batch, h, i, 1, x, bf.a, 0, hAct)
            Kernels.gemmNT(batch, o, h, 1, hAct, bf.b, 0, res)
            var sq = 0.0
            let sigma = cfg.outputNoise
            for k in 0..<(batch * o) {
                let r = res[k] + (sigma > 0 ? sigma * noise.normal() : 0) - y[k]
                res[k] = r
                sq += r * r
                wres[k] = r * bf.d[k % o]
            }
            let invB = 1.0 / Double(batch)
            // dL/dB = wres^T hidden / B ; dL/dhidden = wres B ; dL/dA = dhidden^T X / B
            Kernels.gemmTN(o, h, batch, invB, wres, hAct, 0, bg.baseAddress!)
            Kernels.gemmNN(batch, h, o, 1, wres, bf.b, 0, bh.baseAddress!)
            Kernels.gemmTN(h, i, batch, invB, bh.baseAddress!, x, 0, ag.baseAddress!)
            let lambda = cfg.lambda
            for k in 0..<(h * i) { gradient[k] = rate * (ag[k] * bf.g1t[k] + lambda * w1[k]) }
            for k in 0..<(o * h) { gradient[h * i + k] = rate * (bg[k] * bf.g2t[k] + lambda * w2[k]) }
            let reg = Kernels.sumOfSquares(w1, h * i) + Kernels.sumOfSquares(w2, o * h)
            return 0.5 * sq * invB + 0.5 * lambda * reg
        }}}}}}
    }
}

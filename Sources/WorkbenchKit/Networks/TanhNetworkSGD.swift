import Foundation

/// SGD on the REAL non-linear network y-hat = W~2 tanh(W~1 x) (no Taylor expansion), with the
/// gains of the control: the shaded curves of Fig. 20. Batch loss 1/2 |y - y-hat|^2 averaged over
/// the batch plus lambda/2 |W|^2; the gradient carries the gain factor o G~ (chain rule through W~)
/// and, with output weighting, d_o = phi_o^2 on output o's error (as `TwoLayerNetwork`'s SGD).
extension TanhNetwork: StochasticModel {
    public final class SGDWorkspace {
        var hidden, output, backHidden, aGrad, bGrad, a, b: [Double]
        init(batch: Int, _ i: Int, _ h: Int, _ o: Int) {
            hidden = [Double](repeating: 0, count: batch * h); backHidden = hidden
            output = [Double](repeating: 0, count: batch * o)
            aGrad = [Double](repeating: 0, count: h * i); a = aGrad
            bGrad = [Double](repeating: 0, count: o * h); b = bGrad
        }
    }

    public func makeSGDWorkspace(batch: Int) -> SGDWorkspace { SGDWorkspace(batch: batch, inputs, hidden, outputs) }

    public func batchLossAndGradient(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                                     x: UnsafePointer<Double>, y: UnsafePointer<Double>, batch: Int,
                                     gradient: UnsafeMutablePointer<Double>, noise: inout SeededGenerator,
                                     workspace sw: SGDWorkspace) -> Double {
        let (i, h, o) = (inputs, hidden, outputs)
        let (hi, oh) = (h * i, o * h)
        let w1 = state, w2 = state + hi
        return sw.hidden.withUnsafeMutableBufferPointer { hb in
        sw.output.withUnsafeMutableBufferPointer { ob in
        sw.backHidden.withUnsafeMutableBufferPointer { bhb in
        sw.aGrad.withUnsafeMutableBufferPointer { agb in
        sw.bGrad.withUnsafeMutableBufferPointer { bgb in
        sw.a.withUnsafeMutableBufferPointer { ab in
        sw.b.withUnsafeMutableBufferPointer { bb in
            let hAct = hb.baseAddress!, out = ob.baseAddress!, back = bhb.baseAddress!
            let a = ab.baseAddress!, b = bb.baseAddress!
            // Gains (when enabled) modulate the weights; engagement d_o = phi_o^2 weights output o's
            // error in the training gradient only (the returned loss is unweighted).
            // Without gains the control holds only the engagement: never read past it (an
            // out-of-bounds read of `control` here crashed category-engagement-nonlinear's SGD).
            if gains {
                for k in 0..<hi { a[k] = w1[k] * (1 + control[k]) }
                for k in 0..<oh { b[k] = w2[k] * (1 + control[hi + k]) }
            } else {
                for k in 0..<hi { a[k] = w1[k] }
                for k in 0..<oh { b[k] = w2[k] }
            }
            Kernels.gemmNT(batch, h, i, 1, x, a, 0, hAct)          // pre-activations X A^T
            for k in 0..<(batch * h) { hAct[k] = tanh(hAct[k]) }
            Kernels.gemmNT(batch, o, h, 1, hAct, b, 0, out)        // y-hat = tanh(.) B^T
            var sq = 0.0
            let phi = control + weightingRange.lowerBound, weighted = weighting == .squared
            for k in 0..<(batch * o) {
                let r = out[k] - y[k]
                sq += r * r
                out[k] = weighted ? r * phi[k % o] * phi[k % o] : r
            }
            let invB = 1 / Double(batch)
            Kernels.gemmTN(o, h, batch, invB, out, hAct, 0, bgb.baseAddress!)   // dL/dB
            Kernels.gemmNN(batch, h, o, 1, out, b, 0, back)                     // dL/dh
            for k in 0..<(batch * h) { back[k] *= 1 - hAct[k] * hAct[k] }       // through tanh
            Kernels.gemmTN(h, i, batch, invB, back, x, 0, agb.baseAddress!)     // dL/dA
            for k in 0..<hi { gradient[k] = agb[k] * (gains ? 1 + control[k] : 1) + lambda * w1[k] }
            for k in 0..<oh { gradient[hi + k] = bgb[k] * (gains ? 1 + control[hi + k] : 1) + lambda * w2[k] }
            let reg = Kernels.sumOfSquares(w1, hi) + Kernels.sumOfSquares(w2, oh)
            return 0.5 * sq * invB + 0.5 * lambda * reg
        }}}}}}}
    }
}

/// The two-layer network's pullback: the vector-Jacobian products of its drift and loss
/// (`LearningDynamics`), from the tape's error E or recomputed.
extension TwoLayerNetwork {
    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint adj: UnsafePointer<Double>?, lossWeight c: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         workspace ws: Workspace) {
        let task = tasks[taskIndex(step: step)]
        let bf = ws.buffers
        forwardCore(task: task, w1: state, w2: state + hidden * inputs, control: control, bf: bf)
        pullback(step: step, state: state, control: control, driftAdjoint: adj, lossWeight: c, stateBar: stateBar,
                 controlBar: controlBar, e: bf.e, eh: bf.eh, bf: bf)
    }

    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint adj: UnsafePointer<Double>?, lossWeight c: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         tape: UnsafePointer<Double>, workspace ws: Workspace) {
        let bf = ws.buffers
        modulate(w1: state, w2: state + hidden * inputs, control: control, bf: bf)
        let eh: UnsafePointer<Double>
        if configuration.weighting == .none {
            eh = tape
        } else {
            scaleRows(tape, into: bf.eh, bf)
            eh = UnsafePointer(bf.eh)
        }
        pullback(step: step, state: state, control: control, driftAdjoint: adj, lossWeight: c, stateBar: stateBar,
                 controlBar: controlBar, e: tape, eh: eh, bf: bf)
    }

    /// The pullback once the modulated weights A, B, the error E and Ehat = D E are known.
    @inline(__always)
    func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                  driftAdjoint adj: UnsafePointer<Double>?, lossWeight c: Double,
                  stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                  e: UnsafePointer<Double>, eh: UnsafePointer<Double>, bf: Buffers) {
        let (i, h, o) = (inputs, hidden, outputs)
        let (hi, oh, oi) = (h * i, o * h, o * i)
        let task = tasks[taskIndex(step: step)]
        let w1 = state, w2 = state + hi
        let lambda = configuration.lambda
        let cfg = configuration
        let w1Bar = stateBar, w2Bar = stateBar + hi
        let rate = cfg.learningRate ? 1 + control[rateRange.lowerBound] : 1.0
        if let a = adj {
            let v1 = a, v2 = a + hi
            Kernels.gemmTN(h, i, o, 1, bf.b, eh, 0, bf.p)
            Kernels.gemmNT(o, h, i, 1, eh, bf.a, 0, bf.q)
            if cfg.learningRate {
                // <v, f / rate>: SIMD reductions (a scalar running sum is one long latency chain).
                let rBar = Kernels.dot3(v1, bf.p, bf.g1t, hi) + Kernels.dot3(v2, bf.q, bf.g2t, oh)
                    - lambda * (Kernels.dot(v1, w1, hi) + Kernels.dot(v2, w2, oh))
                controlBar[rateRange.lowerBound] += rBar
            }
            let pBar = bf.pBar, g1t = bf.g1t
            for k in 0..<hi { pBar[k] = rate * v1[k] * g1t[k] }
            for k in 0..<oh {
                let rv = rate * v2[k]
                w2Bar[k] -= lambda * rv
                bf.qBar[k] = rv * bf.g2t[k]
                bf.g2Bar[k] = rv * bf.q[k]
            }
            // P = B^T Ehat, Q = Ehat A^T
            Kernels.gemmNT(o, h, i, 1, eh, bf.pBar, 0, bf.bBar)
            Kernels.gemmNN(o, i, h, 1, bf.b, bf.pBar, 0, bf.ehBar)
            Kernels.gemmNN(o, i, h, 1, bf.qBar, bf.a, 1, bf.ehBar)
            // Ehat = D E
            if cfg.weighting != .none {
                for r in 0..<o {
                    bf.dBar[r] = Kernels.dot(bf.ehBar + r * i, e + r * i, i)
                    for k in 0..<i { bf.ehBar[r * i + k] *= bf.d[r] }
                }
            }
            // M = Ebar Sx + c E  (W enters E = Sxy^T - W Sx, and the loss has dL/dW = -E)
            timesSx(task, rows: o, bf.ehBar, bf.m, bf)
            Kernels.axpy(c, e, bf.m, oi)
            // Abar = Qbar^T Ehat - B^T M as one product of stacked factors (one pass over Abar).
            bf.stackL.update(from: bf.qBar, count: oh)
            for k in 0..<oh { bf.stackL[oh + k] = -bf.b[k] }
            bf.stackR.update(from: eh, count: oi)
            (bf.stackR + oi).update(from: bf.m, count: oi)
            Kernels.gemmTN(h, i, 2 * o, 1, bf.stackL, bf.stackR, 0, bf.aBar)
        } else {
            bf.bBar.update(repeating: 0, count: oh)
            bf.g2Bar.update(repeating: 0, count: oh)
            bf.dBar.update(repeating: 0, count: o)
            for k in 0..<oi { bf.m[k] = c * e[k] }
            Kernels.gemmTN(h, i, o, -1, bf.b, bf.m, 0, bf.aBar)
        }
        // W = B A: Bbar -= M A^T
        Kernels.gemmNT(o, h, i, -1, bf.m, bf.a, 1, bf.bBar)
        // A = W1 o G~1, B = W2 o G~2, the regularizer in the loss and, with an adjoint, the
        // direct terms of f1 = rate (P o G~1 - lambda W1): one fused pass over layer 1.
        let g1Out = controlBar + gain1Range.lowerBound
        let cl = c * lambda
        let aBar = bf.aBar, g1t = bf.g1t, pv = bf.p
        if let a = adj {
            let v1 = a
            switch cfg.gains1 {
            case .perSynapse:
                for k in 0..<hi {
                    let rv = rate * v1[k]
                    w1Bar[k] += aBar[k] * g1t[k] + cl * w1[k] - lambda * rv
                    g1Out[k] += rv * pv[k] + aBar[k] * w1[k]
                }
            case .perNeuron:
                for r in 0..<h {
                    var s = 0.0
                    for k in (r * i)..<((r + 1) * i) {
                        let rv = rate * v1[k]
                        w1Bar[k] += aBar[k] * g1t[k] + cl * w1[k] - lambda * rv
                        s += rv * pv[k] + aBar[k] * w1[k]
                    }
                    g1Out[r] += s
                }
            case .none:
                for k in 0..<hi { w1Bar[k] += aBar[k] + cl * w1[k] - lambda * rate * v1[k] }
            }
        } else {
            switch cfg.gains1 {
            case .perSynapse:
                for k in 0..<hi {
                    w1Bar[k] += aBar[k] * g1t[k] + cl * w1[k]
                    g1Out[k] += aBar[k] * w1[k]
                }
            case .perNeuron:
                for r in 0..<h {
                    var s = 0.0
                    for k in (r * i)..<((r + 1) * i) {
                        w1Bar[k] += aBar[k] * g1t[k] + cl * w1[k]
                        s += aBar[k] * w1[k]
                    }
                    g1Out[r] += s
                }
            case .none:
                for k in 0..<hi { w1Bar[k] += aBar[k] + cl * w1[k] }
            }
        }
        for k in 0..<oh {
            w2Bar[k] += bf.bBar[k] * bf.g2t[k] + cl * w2[k]
            bf.g2Bar[k] += bf.bBar[k] * w2[k]
        }
        scatterGainGradient(cfg.gains2, rows: o, cols: h, from: bf.g2Bar, into: controlBar + gain2Range.lowerBound)
        switch cfg.weighting {
        case .none: break
        case .linear(let groups):
            for r in 0..<o { controlBar[weightingRange.lowerBound + groups[r]] += bf.dBar[r] }
        case .squared:
            for r in 0..<o {
                controlBar[weightingRange.lowerBound + r] += 2 * control[weightingRange.lowerBound + r] * bf.dBar[r]
            }
        }
    }

    @inline(__always)
    func scatterGainGradient(_ layout: GainLayout, rows: Int, cols: Int, from gBar: UnsafePointer<Double>,
                             into out: UnsafeMutablePointer<Double>) {
        switch layout {
        case .none: break
        case .perSynapse: for k in 0..<(rows * cols) { out[k] += gBar[k] }
        case .perNeuron:
            for r in 0..<rows { out[r] += Kernels.sum(gBar + r * cols, cols) }
        }
    }
}

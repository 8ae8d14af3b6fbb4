/// The two-layer network's forward step: modulated weights, error, loss and the drift
/// f = rate (P o G~1 - lambda W1, Q o G~2 - lambda W2).
extension TwoLayerNetwork {
    public func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         drift: UnsafeMutablePointer<Double>?, workspace ws: Workspace) -> Double {
        evaluate(step: step, state: state, control: control, drift: drift, errorTape: nil, workspace: ws)
    }

    public func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         drift: UnsafeMutablePointer<Double>?, tape: UnsafeMutablePointer<Double>,
                         workspace ws: Workspace) -> Double {
        evaluate(step: step, state: state, control: control, drift: drift, errorTape: tape, workspace: ws)
    }

    @inline(__always)
    func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                  drift: UnsafeMutablePointer<Double>?, errorTape: UnsafeMutablePointer<Double>?,
                  workspace ws: Workspace) -> Double {
        let (i, h, o) = (inputs, hidden, outputs)
        let task = tasks[taskIndex(step: step)]
        let w1 = state, w2 = state + h * i
        let lambda = configuration.lambda
        let bf = ws.buffers
        forwardCore(task: task, w1: w1, w2: w2, control: control, bf: bf)
        errorTape?.update(from: bf.e, count: o * i)
        let loss = lossValue(task: task, w1: w1, w2: w2, bf: bf)
        guard let f = drift else { return loss }
        let rate = configuration.learningRate ? 1 + control[rateRange.lowerBound] : 1.0
        // P = B^T Ehat (H x I), Q = Ehat A^T (O x H)
        Kernels.gemmTN(h, i, o, 1, bf.b, bf.eh, 0, bf.p)
        Kernels.gemmNT(o, h, i, 1, bf.eh, bf.a, 0, bf.q)
        let f1 = f, f2 = f + h * i
        // Pointers copied to locals: a store through f could otherwise alias the struct
        // holding them, forcing reloads and blocking vectorization.
        let p = bf.p, g1t = bf.g1t, q = bf.q, g2t = bf.g2t
        for k in 0..<(h * i) { f1[k] = rate * (p[k] * g1t[k] - lambda * w1[k]) }
        for k in 0..<(o * h) { f2[k] = rate * (q[k] * g2t[k] - lambda * w2[k]) }
        return loss
    }

    /// Gains, modulated weights A and B, W = B A, E = Sxy^T - W Sx and Ehat = D E.
    @inline(__always)
    func forwardCore(task: PreparedTask, w1: UnsafePointer<Double>, w2: UnsafePointer<Double>,
                     control: UnsafePointer<Double>, bf: Buffers) {
        let (i, h, o) = (inputs, hidden, outputs)
        modulate(w1: w1, w2: w2, control: control, bf: bf)
        Kernels.gemmNN(o, i, h, 1, bf.b, bf.a, 0, bf.w)
        timesSx(task, rows: o, bf.w, bf.ws, bf)
        task.sxyT.withUnsafeBufferPointer { s in
            for k in 0..<(o * i) { bf.e[k] = s[k] - bf.ws[k] }
        }
        if configuration.weighting == .none {
            bf.eh.update(from: bf.e, count: o * i)
        } else {
            scaleRows(bf.e, into: bf.eh, bf)
        }
    }

    /// Gains G~1, G~2, the modulated weights A = W1 o G~1, B = W2 o G~2 and the output weights d.
    @inline(__always)
    func modulate(w1: UnsafePointer<Double>, w2: UnsafePointer<Double>, control: UnsafePointer<Double>, bf: Buffers) {
        let (i, h, o) = (inputs, hidden, outputs)
        let cfg = configuration
        expandGains(cfg.gains1, rows: h, cols: i, from: control + gain1Range.lowerBound, into: bf.g1t)
        expandGains(cfg.gains2, rows: o, cols: h, from: control + gain2Range.lowerBound, into: bf.g2t)
        let a = bf.a, b = bf.b, g1t = bf.g1t, g2t = bf.g2t
        for k in 0..<(h * i) { a[k] = w1[k] * g1t[k] }
        for k in 0..<(o * h) { b[k] = w2[k] * g2t[k] }
        switch cfg.weighting {
        case .none: break
        case .linear(let groups):
            for r in 0..<o { bf.d[r] = control[weightingRange.lowerBound + groups[r]] }
        case .squared:
            for r in 0..<o { let p = control[weightingRange.lowerBound + r]; bf.d[r] = p * p }
        }
    }

    /// dst (rows x I) = src (rows x I) Sx. With independent input blocks (concatenated tasks)
    /// Sx = blockdiag(C_k) + m m^T, C_k a block's centered moments: sum_k |B_k|^2 + 2 I products a
    /// row instead of I^2 (task engagement: 3 x 26^2 + 156 against 78^2).
    @inline(__always)
    func timesSx(_ task: PreparedTask, rows: Int, _ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>,
                 _ bf: Buffers) {
        let i = inputs
        if task.sxBlocks.isEmpty {
            task.sx.withUnsafeBufferPointer { Kernels.gemmNN(rows, i, i, 1, src, $0.baseAddress!, 0, dst) }
            return
        }
        task.meanX.withUnsafeBufferPointer { mb in
            let m = mb.baseAddress!
            for r in 0..<rows {
                let v = Kernels.dot(src + r * i, m, i), d = dst + r * i
                for k in 0..<i { d[k] = v * m[k] }
            }
        }
        let scratch = bf.sxScratch
        for block in task.sxBlocks {
            let start = block.start, n = block.count
            block.centered.withUnsafeBufferPointer { c in
                Kernels.rowCombinations(rows, n, n, 1, src + start, i, 1, c.baseAddress!, 0, scratch)
            }
            for r in 0..<rows { Kernels.axpy(1, scratch + r * n, dst + r * i + start, n) }
        }
    }

    /// Ehat = D E, row r of E scaled by d_r.
    @inline(__always)
    func scaleRows(_ e: UnsafePointer<Double>, into eh: UnsafeMutablePointer<Double>, _ bf: Buffers) {
        let i = inputs, d = bf.d
        for r in 0..<outputs { for k in 0..<i { eh[r * i + k] = d[r] * e[r * i + k] } }
    }

    /// L = 1/2 tr Sy - <Sxy^T, W> + 1/2 <W Sx, W> + O sigma^2/2 + lambda/2 |W|^2
    @inline(__always)
    func lossValue(task: PreparedTask, w1: UnsafePointer<Double>, w2: UnsafePointer<Double>, bf: Buffers) -> Double {
        let (i, h, o) = (inputs, hidden, outputs)
        let cross = task.sxyT.withUnsafeBufferPointer { Kernels.dot($0.baseAddress!, bf.w, o * i) }
        let quad = Kernels.dot(bf.ws, bf.w, o * i)
        let reg = Kernels.sumOfSquares(w1, h * i) + Kernels.sumOfSquares(w2, o * h)
        let sigma = configuration.outputNoise
        return task.halfTraceSy - cross + 0.5 * quad + 0.5 * Double(o) * sigma * sigma
            + 0.5 * configuration.lambda * reg
    }

    @inline(__always)
    func expandGains(_ layout: GainLayout, rows: Int, cols: Int, from g: UnsafePointer<Double>,
                     into t: UnsafeMutablePointer<Double>) {
        switch layout {
        case .none: break   // stays all ones
        case .perSynapse: for k in 0..<(rows * cols) { t[k] = 1 + g[k] }
        case .perNeuron:
            for r in 0..<rows { let v = 1 + g[r]; for k in 0..<cols { t[r * cols + k] = v } }
        }
    }

}

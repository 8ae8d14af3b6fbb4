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
/// network, L = 1/2 <(y - W~2 W~1 x)^2> + O sigma^2 / 2 + lambda/2 (|W1|^2 + |W2|^2), regulariser on
/// the raw weights (reference notes §1).
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
        /// With independent input blocks, Sx = blockdiag(centred) + meanX meanX^T (see `timesSx`).
        var sxBlocks: [SxBlock]
    }

    struct SxBlock {
        let start: Int, count: Int
        let centred: [Double]   // count x count: the block of Sx minus its mean product
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
                SxBlock(start: r.lowerBound, count: r.count, centred: r.flatMap { a in
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

    /// W1, W2 ~ N(0, std^2), the paper's small random initialisation.
    public func randomInitialState(std: Double, using rng: inout SeededGenerator) -> [Double] {
        (0..<stateCount).map { _ in std * rng.normal() }
    }

    public final class Workspace {
        var a, b, w, ws, e, eh, p, q: [Double]
        var g1t, g2t, d: [Double]
        var pBar, qBar, aBar, bBar, ehBar, m, g2Bar, dBar, stackL, stackR, sxScratch: [Double]
        init(_ i: Int, _ h: Int, _ o: Int) {
            func z(_ n: Int) -> [Double] { [Double](repeating: 0, count: n) }
            a = z(h * i); b = z(o * h); w = z(o * i); ws = z(o * i); e = z(o * i); eh = z(o * i)
            p = z(h * i); q = z(o * h)
            g1t = [Double](repeating: 1, count: h * i); g2t = [Double](repeating: 1, count: o * h)
            d = [Double](repeating: 1, count: o)
            pBar = z(h * i); qBar = z(o * h); aBar = z(h * i); bBar = z(o * h); ehBar = z(o * i)
            m = z(o * i); g2Bar = z(o * h); dBar = z(o); sxScratch = z(o * i)
            stackL = z(2 * o * h); stackR = z(2 * o * i)
        }
    }

    public func makeWorkspace() -> Workspace { Workspace(inputs, hidden, outputs) }

    /// The tape keeps each step's error E = Sxy^T - W Sx, so the pullback skips W = B A and W Sx,
    /// its two largest products when the input is wide (task engagement: 78 inputs).
    public var tapeCount: Int { outputs * inputs }

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
        return withBuffers(ws) { bf in
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
            // holding them, forcing reloads and blocking vectorisation.
            let p = bf.p, g1t = bf.g1t, q = bf.q, g2t = bf.g2t
            for k in 0..<(h * i) { f1[k] = rate * (p[k] * g1t[k] - lambda * w1[k]) }
            for k in 0..<(o * h) { f2[k] = rate * (q[k] * g2t[k] - lambda * w2[k]) }
            return loss
        }
    }

    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint adj: UnsafePointer<Double>?, lossWeight c: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         workspace ws: Workspace) {
        let task = tasks[taskIndex(step: step)]
        withBuffers(ws) { bf in
            forwardCore(task: task, w1: state, w2: state + hidden * inputs, control: control, bf: bf)
            pullback(step: step, state: state, control: control, driftAdjoint: adj, lossWeight: c, stateBar: stateBar,
                     controlBar: controlBar, e: bf.e, eh: bf.eh, bf: bf)
        }
    }

    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint adj: UnsafePointer<Double>?, lossWeight c: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         tape: UnsafePointer<Double>, workspace ws: Workspace) {
        withBuffers(ws) { bf in
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
        do {
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
            // A = W1 o G~1, B = W2 o G~2, the regulariser in the loss and, with an adjoint, the
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
    }

    // MARK: - Pieces

    struct Buffers {
        var a, b, w, ws, e, eh, p, q, g1t, g2t, d: UnsafeMutablePointer<Double>
        var pBar, qBar, aBar, bBar, ehBar, m, g2Bar, dBar, stackL, stackR, sxScratch: UnsafeMutablePointer<Double>
    }

    /// Raw pointers into the workspace; the arrays are never resized, so this is safe for the
    /// duration of one call and avoids exclusivity bookkeeping in the inner loop.
    @inline(__always)
    func withBuffers<R>(_ ws: Workspace, _ body: (Buffers) -> R) -> R {
        func p(_ x: inout [Double]) -> UnsafeMutablePointer<Double> {
            x.withUnsafeMutableBufferPointer { $0.baseAddress! }
        }
        let bf = Buffers(a: p(&ws.a), b: p(&ws.b), w: p(&ws.w), ws: p(&ws.ws), e: p(&ws.e), eh: p(&ws.eh),
                         p: p(&ws.p), q: p(&ws.q), g1t: p(&ws.g1t), g2t: p(&ws.g2t), d: p(&ws.d),
                         pBar: p(&ws.pBar), qBar: p(&ws.qBar), aBar: p(&ws.aBar), bBar: p(&ws.bBar),
                         ehBar: p(&ws.ehBar), m: p(&ws.m), g2Bar: p(&ws.g2Bar),
                         dBar: p(&ws.dBar), stackL: p(&ws.stackL), stackR: p(&ws.stackR),
                         sxScratch: p(&ws.sxScratch))
        return withExtendedLifetime(ws) { body(bf) }
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
    /// Sx = blockdiag(C_k) + m m^T, C_k a block's centred moments: sum_k |B_k|^2 + 2 I products a
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
            block.centred.withUnsafeBufferPointer { c in
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

import Foundation

/// The non-linear network y-hat = W~2 tanh(W~1 x) of App. I, with per-synapse gains
/// W~ = W o (1 + G), learning on the Taylor approximation of its loss around the input mean m:
///   h(x) ~ f + J (x - m),  f = tanh(A m),  J = diag(d) A,  d = 1 - f^2     (eq. 90, A = W~1, B = W~2)
///   L~ = 1/2 tr Sy - <B, my f^T + Kyx J^T> + 1/2 <B (f f^T + J C J^T), B> + lambda/2 (|W1|^2 + |W2|^2)
/// with C = Sx - m m^T and Kyx = Sxy^T - my m^T (the centered moments; <x - m> = 0 kills the cross terms).
///
/// The dynamics are gradient flow on L~ through the gains (as eq. 92 for the linear-network gains):
///   dW1/dt = -(dL~/dA) o G~1 - lambda W1,   dW2/dt = -(dL~/dB) o G~2 - lambda W2.
/// dL~/dB = -(my f^T + Kyx J^T) + B (f f^T + J C J^T) is eq. 92's W2 update with the correct signs:
/// the authors' code (and the printed eq. 91) add my m^T J^T and J m m^T J^T where the gradient
/// subtracts them. dL~/dA = diag(d) [B^T B J C - B^T Kyx] + gu m^T with
/// gu = d o (B^T B f - B^T my - 2 f o q), q_j = sum_k (dL~/dJ)_jk A_jk: eq. 92's W1 update holds
/// tanh' fixed (q = 0; its my terms cancel exactly); we keep the term from d's dependence on A,
/// so the flow is the exact gradient of the approximate loss. That extra term is proportional to
/// f = tanh(W~1 m), so it is small while the weights on the mean input (the bias) are small.
/// Eq. 90 prints J = W1 diag(f'), which does not type-check; the expansion needs diag(f') W1.
///
/// The adjoint needs the Hessian of L~ applied to a vector; since the drift is a gradient, its
/// VJP equals its JVP (the Hessian is symmetric), computed here in forward mode.
///
/// Output weighting (category engagement, App. H.3 eq. 84 and App. K.6.2 / Fig. 21), like
/// `TwoLayerNetwork`'s `.squared`: the flow descends the weighted loss
/// L~_d = sum_o d_o L~^(o) with d_o = phi_o^2 (L~^(o) the part of L~ carried by output o), so
/// dL~_d/dB = D (B Sh - Kyh) and dL~_d/dA uses B^T D B, B^T D my, B^T D Kyx; V's loss stays the
/// unweighted L~. dV/dphi_o goes through d_o: d(drift)/d(d_o) is minus the gradient of L~^(o).
///
/// State [W1 (H x I) | W2 (O x H)], control [G1 (H x I) | G2 (O x H) | phi (O)], row-major, each
/// block present only when enabled (gains: per-synapse on both layers).
public struct TanhNetwork: LearningDynamics {
    public enum OutputWeighting: Equatable {
        case none
        /// d_o = phi_o^2, one coefficient per output (category engagement).
        case squared
    }
    public let inputs: Int, hidden: Int, outputs: Int
    public let lambda: Double
    public let gains: Bool
    public let weighting: OutputWeighting
    let m: [Double], my: [Double], c: [Double], kyx: [Double]
    let halfTraceSy: Double
    public var stateCount: Int { hidden * inputs + outputs * hidden }
    public var controlCount: Int { (gains ? stateCount : 0) + weightingRange.count }
    public var gain1Range: Range<Int> { 0..<(gains ? hidden * inputs : 0) }
    public var gain2Range: Range<Int> { gain1Range.upperBound..<(gains ? stateCount : 0) }
    public var weightingRange: Range<Int> {
        let start = gains ? stateCount : 0
        return start..<(start + (weighting == .squared ? outputs : 0))
    }
    /// The baseline control: gains 0, engagement phi = 1.
    public var neutralControl: [Double] {
        (0..<controlCount).map { weightingRange.contains($0) ? 1 : 0 }
    }

    /// `gains`: per-synapse gains W~ = W o (1 + G) on both layers (App. I); `weighting`: output
    /// engagement. The default is App. I's gain-modulated network.
    public init(task s: TaskStatistics, hidden: Int, lambda: Double, gains: Bool = true, weighting: OutputWeighting = .none) {
        inputs = s.inputCount; outputs = s.outputCount; self.hidden = hidden; self.lambda = lambda
        self.gains = gains; self.weighting = weighting
        let (i, o) = (inputs, outputs)
        m = s.meanX; my = s.meanY
        c = (0..<(i * i)).map { s.sx[$0] - s.meanX[$0 / i] * s.meanX[$0 % i] }
        kyx = (0..<(o * i)).map { k in s.sxy[(k % i) * o + k / i] - s.meanY[k / i] * s.meanX[k % i] }
        halfTraceSy = 0.5 * s.traceSy
    }

    /// Scratch for the primal (loss and gradient) and tangent (Hessian-vector) passes.
    public final class Workspace {
        let buffers: Buffers
        private let arena: ScratchArena
        init(_ i: Int, _ h: Int, _ o: Int) {
            let arena = ScratchArena()
            buffers = Buffers(i, h, o, arena)
            self.arena = arena
        }
    }

    /// The workspace's buffers, passed by value to the passes: pointers read from a class would
    /// be reloaded after every store through another pointer (they might alias the object),
    /// which keeps the element-wise loops scalar. Each buffer is taken with its size where it is
    /// named, so sizes and buffers cannot fall out of step.
    struct Buffers {
        // Primal: gains, A, B, pre-activations u, f = tanh u, d = 1 - f^2, J, P = J C, Sh, Kyh,
        // R = B^T D B, B^T D my, B^T D Kyx, dL/df, dL/dJ, q, dL/du, GA, GB.
        let g1t, g2t, a, b, u, f, d, j, p, sh, kyh, r, by, bk, gf, gj, q, gu, ga, gb: UnsafeMutablePointer<Double>
        // Tangent along (X, Y): the same quantities' directional derivatives.
        let x, y, ud, fd, dd, jd, pd, shd, kyhd, gbd, rd, byd, bkd, gfd, gjd, qd, gud, gad: UnsafeMutablePointer<Double>
        /// Output weights d, D B, D Y and the unweighted dL~/dA kept while the weighted one is formed.
        let dw, db, dy, gau: UnsafeMutablePointer<Double>
        init(_ i: Int, _ h: Int, _ o: Int, _ arena: ScratchArena) {
            let (hi, oh, hh) = (h * i, o * h, h * h)
            g1t = arena.take(hi); g2t = arena.take(oh); a = arena.take(hi); b = arena.take(oh)
            u = arena.take(h); f = arena.take(h); d = arena.take(h); j = arena.take(hi); p = arena.take(hi)
            sh = arena.take(hh); kyh = arena.take(oh); r = arena.take(hh); by = arena.take(h); bk = arena.take(hi)
            gf = arena.take(h); gj = arena.take(hi); q = arena.take(h); gu = arena.take(h); ga = arena.take(hi)
            gb = arena.take(oh)
            x = arena.take(hi); y = arena.take(oh); ud = arena.take(h); fd = arena.take(h); dd = arena.take(h)
            jd = arena.take(hi); pd = arena.take(hi); shd = arena.take(hh); kyhd = arena.take(oh); gbd = arena.take(oh)
            rd = arena.take(hh); byd = arena.take(h); bkd = arena.take(hi); gfd = arena.take(h); gjd = arena.take(hi)
            qd = arena.take(h); gud = arena.take(h); gad = arena.take(hi)
            dw = arena.take(o); db = arena.take(oh); dy = arena.take(oh); gau = arena.take(hi)
        }
    }

    public func makeWorkspace() -> Workspace { Workspace(inputs, hidden, outputs) }

    public func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         drift: UnsafeMutablePointer<Double>?, workspace: Workspace) -> Double {
        let ws = workspace.buffers
        let (hi, h, o) = (hidden * inputs, hidden, outputs)
        // The drift needs the weighted dL~_d/dA; the loss is unweighted either way.
        let loss = primal(state: state, control: control, ws, weighted: drift != nil && weighting != .none)
        if let fv = drift {
            for k in 0..<hi { fv[k] = -ws.ga[k] * ws.g1t[k] - lambda * state[k] }
            for r in 0..<o { let dr = ws.dw[r]; for k in (r * h)..<((r + 1) * h) { fv[hi + k] = -dr * ws.gb[k] * ws.g2t[k] - lambda * state[hi + k] } }
        }
        return loss
    }

    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint adj: UnsafePointer<Double>?, lossWeight cw: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         workspace: Workspace) {
        let ws = workspace.buffers
        let (h, o) = (hidden, outputs)
        let hi = h * inputs, oh = o * h
        _ = primal(state: state, control: control, ws)
        let w1 = state, w2 = state + hi
        let weighted = weighting != .none
        // The loss term needs the UNWEIGHTED dL~/dA (ga now); the drift the weighted one.
        var gaLoss = UnsafePointer(ws.ga)
        // dL~/dA and dL~/dB from the loss term; the drift adds H_d (X, Y) and its direct control factors.
        if let a = adj {
            if weighted {
                ws.gau.update(from: ws.ga, count: hi)
                gaLoss = UnsafePointer(ws.gau)
                gradientA(weighted: true, ws)
            }
            // F1 = -(GA_d o G~1) - lambda W1: the drift's adjoint w.r.t. GA_d is X = -a1 o G~1;
            // F2 = -(D GB o G~2) - lambda W2, adjoint w.r.t. GB_d is Y = -a2 o G~2.
            for k in 0..<hi { ws.x[k] = -a[k] * ws.g1t[k]; stateBar[k] -= lambda * a[k] }
            for k in 0..<oh { ws.y[k] = -a[hi + k] * ws.g2t[k]; stateBar[hi + k] -= lambda * a[hi + k] }
            if gains {
                for k in 0..<hi { controlBar[k] -= a[k] * ws.ga[k] }
                for r in 0..<o { let dr = ws.dw[r]; for k in (r * h)..<((r + 1) * h) { controlBar[hi + k] -= a[hi + k] * dr * ws.gb[k] } }
            }
            for r in 0..<o { let dr = ws.dw[r]; for k in (r * h)..<((r + 1) * h) { ws.dy[k] = dr * ws.y[k] } }
            tangent(ws)
            if weighted {
                // d(drift)/d(d_o) = -grad L~^(o): its pairing with the adjoint is the derivative of
                // L~^(o) = ... - B_o . Kyh_o + 1/2 B_o Sh B_o^T along (X, Y):
                // -B_o . Kyhd_o + 1/2 B_o Shd B_o^T (A-direction) + Y_o . GB_o (B-direction).
                let phi = control + weightingRange.lowerBound
                let phiBar = controlBar + weightingRange.lowerBound
                for r in 0..<o {
                    let br = ws.b + r * h
                    var along = Kernels.dot(ws.y + r * h, ws.gb + r * h, h) - Kernels.dot(br, ws.kyhd + r * h, h)
                    for s1 in 0..<h { along += 0.5 * br[s1] * Kernels.dot(ws.shd + s1 * h, br, h) }
                    phiBar[r] += 2 * phi[r] * along
                }
            }
            // The B-tangent of the weighted gradient is D times the unweighted one.
            for r in 0..<o { let dr = ws.dw[r]; for k in (r * h)..<((r + 1) * h) { ws.gbd[k] *= dr } }
        } else {
            ws.gad.update(repeating: 0, count: hi)
            ws.gbd.update(repeating: 0, count: oh)
        }
        // Abar = H_d(X,Y)_A + c GA, then A = W1 o G~1 (and the raw-weight regularizer in the loss).
        for k in 0..<hi {
            let abar = ws.gad[k] + cw * gaLoss[k]
            stateBar[k] += abar * ws.g1t[k] + cw * lambda * w1[k]
            if gains { controlBar[k] += abar * w1[k] }
        }
        for k in 0..<oh {
            let bbar = ws.gbd[k] + cw * ws.gb[k]
            stateBar[hi + k] += bbar * ws.g2t[k] + cw * lambda * w2[k]
            if gains { controlBar[hi + k] += bbar * w2[k] }
        }
    }

    /// Loss L~ (unweighted) and its gradients GA = dL~/dA (weighted: dL~_d/dA), GB = dL~/dB
    /// (unweighted; dL~_d/dB = D GB), into the workspace.
    @inline(__always)
    func primal(state: UnsafePointer<Double>, control: UnsafePointer<Double>, _ ws: Buffers,
                weighted: Bool = false) -> Double {
        let (i, h, o) = (inputs, hidden, outputs)
        let (hi, oh) = (h * i, o * h)
        let w1 = state, w2 = state + hi
        for k in 0..<hi { ws.g1t[k] = gains ? 1 + control[k] : 1; ws.a[k] = w1[k] * ws.g1t[k] }
        for k in 0..<oh { ws.g2t[k] = gains ? 1 + control[hi + k] : 1; ws.b[k] = w2[k] * ws.g2t[k] }
        switch weighting {
        case .none: ws.dw.update(repeating: 1, count: o)
        case .squared: for r in 0..<o { let p = control[weightingRange.lowerBound + r]; ws.dw[r] = p * p }
        }
        for r in 0..<o { let dr = ws.dw[r]; for k in (r * h)..<((r + 1) * h) { ws.db[k] = dr * ws.b[k] } }
        let loss = m.withUnsafeBufferPointer { mb in
        my.withUnsafeBufferPointer { myb in
        c.withUnsafeBufferPointer { cb in
        kyx.withUnsafeBufferPointer { kb in
            let m = mb.baseAddress!, my = myb.baseAddress!, cm = cb.baseAddress!, kyx = kb.baseAddress!
            for r in 0..<h {
                let u = Kernels.dot(ws.a + r * i, m, i)
                ws.u[r] = u
                let f = tanh(u)
                ws.f[r] = f
                ws.d[r] = 1 - f * f
                for k in 0..<i { ws.j[r * i + k] = ws.d[r] * ws.a[r * i + k] }
            }
            Kernels.gemmNN(h, i, i, 1, ws.j, cm, 0, ws.p)                 // P = J C
            Kernels.gemmNT(h, h, i, 1, ws.p, ws.j, 0, ws.sh)              // Sh = J C J^T + f f^T
            for r in 0..<h { for s in 0..<h { ws.sh[r * h + s] += ws.f[r] * ws.f[s] } }
            Kernels.gemmNT(o, h, i, 1, kyx, ws.j, 0, ws.kyh)              // Kyh = Kyx J^T + my f^T
            for r in 0..<o { for s in 0..<h { ws.kyh[r * h + s] += my[r] * ws.f[s] } }
            Kernels.gemmNN(o, h, h, 1, ws.b, ws.sh, 0, ws.gb)             // GB = B Sh - Kyh
            let quad = Kernels.dot(ws.gb, ws.b, oh)
            let cross = Kernels.dot(ws.kyh, ws.b, oh)
            for k in 0..<oh { ws.gb[k] -= ws.kyh[k] }
            let reg = Kernels.sumOfSquares(w1, hi) + Kernels.sumOfSquares(w2, oh)
            return halfTraceSy - cross + 0.5 * quad + 0.5 * lambda * reg
        }}}}
        gradientA(weighted: weighted, ws)
        return loss
    }

    /// GA = dL~/dA (weighted: dL~_d/dA, with D B in place of B's left factor) from the primal's
    /// P, Sh, f, d; also R = B^T D B and GJ, gf, q for the tangent pass.
    @inline(__always)
    func gradientA(weighted: Bool, _ ws: Buffers) {
        let (i, h, o) = (inputs, hidden, outputs)
        let hi = h * i
        let bl = weighted ? ws.db : ws.b
        m.withUnsafeBufferPointer { mb in
        my.withUnsafeBufferPointer { myb in
        kyx.withUnsafeBufferPointer { kb in
            let m = mb.baseAddress!, my = myb.baseAddress!, kyx = kb.baseAddress!
            Kernels.gemmTN(h, h, o, 1, bl, ws.b, 0, ws.r)                 // R = B^T D B
            for s in 0..<h { var v = 0.0; for r in 0..<o { v += bl[r * h + s] * my[r] }; ws.by[s] = v }
            Kernels.gemmTN(h, i, o, 1, bl, kyx, 0, ws.bk)                 // Bk = B^T D Kyx
            Kernels.gemmNN(h, i, h, 1, ws.r, ws.p, 0, ws.gj)              // GJ = R P - Bk
            for k in 0..<hi { ws.gj[k] -= ws.bk[k] }
            for r in 0..<h {
                ws.gf[r] = Kernels.dot(ws.r + r * h, ws.f, h) - ws.by[r]  // dL/df (J held fixed)
                ws.q[r] = Kernels.dot(ws.gj + r * i, ws.a + r * i, i)      // dL/dd_r
                ws.gu[r] = (ws.gf[r] - 2 * ws.f[r] * ws.q[r]) * ws.d[r]
                for k in 0..<i { ws.ga[r * i + k] = ws.d[r] * ws.gj[r * i + k] + ws.gu[r] * m[k] }
            }
        }}}
    }

    /// Directional derivative (GAd, GBd) of (GA, GB) along (X, Y) = the Hessian of L~ times (X, Y).
    @inline(__always)
    func tangent(_ ws: Buffers) {
        let (i, h, o) = (inputs, hidden, outputs)
        let (hi, oh) = (h * i, o * h)
        m.withUnsafeBufferPointer { mb in
        my.withUnsafeBufferPointer { myb in
        c.withUnsafeBufferPointer { cb in
        kyx.withUnsafeBufferPointer { kb in
            let m = mb.baseAddress!, my = myb.baseAddress!, cm = cb.baseAddress!, kyx = kb.baseAddress!
            for r in 0..<h {
                ws.ud[r] = Kernels.dot(ws.x + r * i, m, i)
                ws.fd[r] = ws.d[r] * ws.ud[r]
                ws.dd[r] = -2 * ws.f[r] * ws.fd[r]
                for k in 0..<i { ws.jd[r * i + k] = ws.dd[r] * ws.a[r * i + k] + ws.d[r] * ws.x[r * i + k] }
            }
            Kernels.gemmNN(h, i, i, 1, ws.jd, cm, 0, ws.pd)               // Pd = Jd C
            Kernels.gemmNT(h, h, i, 1, ws.pd, ws.j, 0, ws.shd)            // Shd = Pd J^T + P Jd^T + fd f^T + f fd^T
            Kernels.gemmNT(h, h, i, 1, ws.p, ws.jd, 1, ws.shd)
            for r in 0..<h { for s in 0..<h { ws.shd[r * h + s] += ws.fd[r] * ws.f[s] + ws.f[r] * ws.fd[s] } }
            Kernels.gemmNT(o, h, i, 1, kyx, ws.jd, 0, ws.kyhd)            // Kyhd = Kyx Jd^T + my fd^T
            for r in 0..<o { for s in 0..<h { ws.kyhd[r * h + s] += my[r] * ws.fd[s] } }
            Kernels.gemmNN(o, h, h, 1, ws.y, ws.sh, 0, ws.gbd)            // GBd = Y Sh + B Shd - Kyhd
            Kernels.gemmNN(o, h, h, 1, ws.b, ws.shd, 1, ws.gbd)
            for k in 0..<oh { ws.gbd[k] -= ws.kyhd[k] }
            // With weighting D (R = B^T D B, ...); dy = D Y and db = D B (D = I when unweighted).
            let dy = weighting == .none ? ws.y : ws.dy, db = weighting == .none ? ws.b : ws.db
            Kernels.gemmTN(h, h, o, 1, dy, ws.b, 0, ws.rd)                // Rd = Y^T D B + B^T D Y
            Kernels.gemmTN(h, h, o, 1, db, ws.y, 1, ws.rd)
            for s in 0..<h { var v = 0.0; for r in 0..<o { v += dy[r * h + s] * my[r] }; ws.byd[s] = v }
            Kernels.gemmTN(h, i, o, 1, dy, kyx, 0, ws.bkd)                // Bkd = Y^T D Kyx
            Kernels.gemmNN(h, i, h, 1, ws.rd, ws.p, 0, ws.gjd)            // GJd = Rd P + R Pd - Bkd
            Kernels.gemmNN(h, i, h, 1, ws.r, ws.pd, 1, ws.gjd)
            for k in 0..<hi { ws.gjd[k] -= ws.bkd[k] }
            for r in 0..<h {
                ws.gfd[r] = Kernels.dot(ws.rd + r * h, ws.f, h) + Kernels.dot(ws.r + r * h, ws.fd, h) - ws.byd[r]
                ws.qd[r] = Kernels.dot(ws.gjd + r * i, ws.a + r * i, i) + Kernels.dot(ws.gj + r * i, ws.x + r * i, i)
                let gPrime = ws.gf[r] - 2 * ws.f[r] * ws.q[r]
                let gPrimeDot = ws.gfd[r] - 2 * ws.fd[r] * ws.q[r] - 2 * ws.f[r] * ws.qd[r]
                ws.gud[r] = gPrimeDot * ws.d[r] + gPrime * ws.dd[r]
                for k in 0..<i {
                    ws.gad[r * i + k] = ws.dd[r] * ws.gj[r * i + k] + ws.d[r] * ws.gjd[r * i + k] + ws.gud[r] * m[k]
                }
            }
        }}}}
    }
}

import WorkbenchKit

/// The averaged dynamics of Cao et al.'s (2020) learning-rule family on a two-layer linear network
/// (App. F.3, eqs. 30-37), with the rule coefficients as the per-step control [gamma_r, eta_r]
/// ("feedback" and "hebbian"; not the discount and reward conversion of V):
///   dW1/dt = W2^T E + H(eta_r, W1)
///   dW2/dt = E W1^T + gamma_r (Sy - W Sx W^T) W2,          E = Sxy^T - W Sx,  W = W2 W1
///   H_i = eta_r [ (W1 Sx)_i - (W1_i Sx W1_i^T) W1_i ]          if eta_r > 0  (Oja's Hebbian rule)
///   H_i = eta_r (W1 Sx)_i / (1 + |W1_i|^2)                    if eta_r <= 0 (normalized anti-Hebbian)
/// i = a hidden unit (row of W1). The Euler step dt is the rule's learning rate alpha, so every
/// term is scaled by it. Eqs. 35-36 carry alpha on the contrastive terms only and eqs. 34/37 none
/// on the Hebbian term: `hebbianScale` = 1/alpha gives the printed equations (Hebbian step eta_r,
/// not alpha eta_r); 1 takes the Hebbian term at the rule's rate, keeping eta_r a dimensionless mix.
///
/// Two places where we follow the averaging of eqs. 32 and 34 rather than the printed eqs. 36-37:
/// - <y y^T - y-hat y-hat^T> = Sy - W Sx W^T; the printed eq. 36 "Sy W1^T W2^T - ..." does not
///   type-check (O x O times I x O).
/// - <(W1 x)_i^2> = W1_i Sx W1_i^T; eq. 37's (W1^2 diag(Sx))_i keeps only the diagonal of Sx
///   (identical when Sx is diagonal, as for the semantic task's one-hot items).
///
/// The rule is continuous in eta_r but its derivative jumps at eta_r = 0 (the two branches have
/// different slopes). Exactly at 0 the pullback reports the one-sided derivative of the side an
/// ascent step would move into: the right derivative if it is positive, else the left one if it is
/// negative, else 0 (0 is then a local maximum in that coordinate). Anywhere else the gradient is
/// exact. The loss is the usual L = 1/2 <|y - W x|^2>.
/// State [W1 (H x I) | W2 (O x H)]; control [gamma_r, eta_r] per step.
public struct RuleFamilyNetwork: LearningDynamics {
    public let inputs: Int, hidden: Int, outputs: Int
    let sx: [Double], sxyT: [Double], sy: [Double]
    let halfTraceSy: Double
    public var stateCount: Int { hidden * inputs + outputs * hidden }
    public var controlCount: Int { 2 }
    public static let feedbackIndex = 0, hebbianIndex = 1
    /// Multiplies the Hebbian term in the drift (see above): 1, or 1/alpha for eqs. 34/37 as printed.
    public let hebbianScale: Double

    public init(task s: TaskStatistics, hidden: Int, hebbianScale: Double = 1) {
        inputs = s.inputCount; outputs = s.outputCount; self.hidden = hidden
        self.hebbianScale = hebbianScale
        let (i, o) = (inputs, outputs)
        sx = s.sx; sy = s.sy
        sxyT = (0..<(o * i)).map { k in s.sxy[(k % i) * o + k / i] }
        halfTraceSy = 0.5 * s.traceSy
    }

    public final class Workspace {
        let storage: UnsafeMutablePointer<Double>
        let w, ws, e, m, z, sz, ebar, wbar, zbar, tmp, aS: UnsafeMutablePointer<Double>
        init(_ i: Int, _ h: Int, _ o: Int) {
            let sizes = [o * i, o * i, o * i, h * i, o * o, o * o, o * i, o * i, o * o, o * h, h * i]
            storage = .allocate(capacity: sizes.reduce(0, +))
            storage.initialize(repeating: 0, count: sizes.reduce(0, +))
            var next = storage
            func take(_ n: Int) -> UnsafeMutablePointer<Double> { defer { next += n }; return next }
            w = take(sizes[0]); ws = take(sizes[1]); e = take(sizes[2]); m = take(sizes[3]); z = take(sizes[4])
            sz = take(sizes[5]); ebar = take(sizes[6]); wbar = take(sizes[7]); zbar = take(sizes[8])
            tmp = take(sizes[9]); aS = take(sizes[10])
        }
        deinit { storage.deallocate() }
    }

    public func makeWorkspace() -> Workspace { Workspace(inputs, hidden, outputs) }

    /// W = W2 W1, WS = W Sx, E = Sxy^T - WS; returns L.
    @inline(__always)
    func core(_ w1: UnsafePointer<Double>, _ w2: UnsafePointer<Double>, _ k: Workspace) -> Double {
        let (i, h, o) = (inputs, hidden, outputs)
        Kernels.gemmNN(o, i, h, 1, w2, w1, 0, k.w)
        sx.withUnsafeBufferPointer { Kernels.gemmNN(o, i, i, 1, k.w, $0.baseAddress!, 0, k.ws) }
        return sxyT.withUnsafeBufferPointer { s in
            for q in 0..<(o * i) { k.e[q] = s[q] - k.ws[q] }
            return halfTraceSy - Kernels.dot(s.baseAddress!, k.w, o * i) + 0.5 * Kernels.dot(k.ws, k.w, o * i)
        }
    }

    /// SZ = Sy - W Sx W^T (the averaged y y^T - y-hat y-hat^T).
    @inline(__always)
    func contrast(_ k: Workspace) {
        let (i, o) = (inputs, outputs)
        Kernels.gemmNT(o, o, i, 1, k.ws, k.w, 0, k.z)
        for q in 0..<(o * o) { k.sz[q] = sy[q] - k.z[q] }
    }

    public func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         drift: UnsafeMutablePointer<Double>?, workspace k: Workspace) -> Double {
        let (i, h, o) = (inputs, hidden, outputs)
        let w1 = state, w2 = state + h * i
        let loss = core(w1, w2, k)
        guard let f = drift else { return loss }
        let f1 = f, f2 = f + h * i
        let gammaR = control[Self.feedbackIndex], etaR = control[Self.hebbianIndex]
        let etaH = hebbianScale * etaR
        Kernels.gemmTN(h, i, o, 1, w2, k.e, 0, f1)                  // W2^T E
        Kernels.gemmNT(o, h, i, 1, k.e, w1, 0, f2)                  // E W1^T
        if gammaR != 0 {
            contrast(k)
            Kernels.gemmNN(o, h, o, gammaR, k.sz, w2, 1, f2)
        }
        if etaR != 0 {
            sx.withUnsafeBufferPointer { Kernels.gemmNN(h, i, i, 1, w1, $0.baseAddress!, 0, k.m) }
            for r in 0..<h {
                let row = w1 + r * i, mr = k.m + r * i
                if etaR > 0 {
                    let q = Kernels.dot(mr, row, i)
                    for c in 0..<i { f1[r * i + c] += etaH * (mr[c] - q * row[c]) }
                } else {
                    let s = etaH / (1 + Kernels.sumOfSquares(row, i))
                    for c in 0..<i { f1[r * i + c] += s * mr[c] }
                }
            }
        }
        return loss
    }

    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint adj: UnsafePointer<Double>?, lossWeight cw: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         workspace k: Workspace) {
        let (i, h, o) = (inputs, hidden, outputs)
        let w1 = state, w2 = state + h * i
        let w1Bar = stateBar, w2Bar = stateBar + h * i
        _ = core(w1, w2, k)
        sx.withUnsafeBufferPointer { sxb in
            let sxp = sxb.baseAddress!
            if let a = adj {
                let a1 = a, a2 = a + h * i
                let gammaR = control[Self.feedbackIndex], etaR = control[Self.hebbianIndex]
                let etaH = hebbianScale * etaR
                // Contrastive terms: W2^T E and E W1^T.
                Kernels.gemmNN(o, i, h, 1, w2, a1, 0, k.ebar)        // Ebar = W2 a1 + a2 W1
                Kernels.gemmNN(o, i, h, 1, a2, w1, 1, k.ebar)
                Kernels.gemmNT(o, h, i, 1, k.e, a1, 1, w2Bar)        // W2bar += E a1^T
                Kernels.gemmTN(h, i, o, 1, a2, k.e, 1, w1Bar)        // W1bar += a2^T E
                Kernels.gemmNN(o, i, i, -1, k.ebar, sxp, 0, k.wbar)  // Wbar = -Ebar Sx - c E
                Kernels.axpy(-cw, k.e, k.wbar, o * i)
                // Feedback term gamma_r (Sy - W Sx W^T) W2.
                contrast(k)
                Kernels.gemmNN(o, h, o, 1, k.sz, w2, 0, k.tmp)
                controlBar[Self.feedbackIndex] += Kernels.dot(a2, k.tmp, o * h)
                if gammaR != 0 {
                    Kernels.gemmNN(o, h, o, gammaR, k.sz, a2, 1, w2Bar)      // Sy - Z is symmetric
                    Kernels.gemmNT(o, o, h, -gammaR, a2, w2, 0, k.zbar)      // Zbar = -gamma_r a2 W2^T
                    for r in 0..<o { for c in r..<o {
                        let s = k.zbar[r * o + c] + k.zbar[c * o + r]
                        k.zbar[r * o + c] = s; k.zbar[c * o + r] = s
                    } }
                    Kernels.gemmNN(o, i, o, 1, k.zbar, k.ws, 1, k.wbar)      // Wbar += (Zbar + Zbar^T) W Sx
                }
                // Hebbian term.
                Kernels.gemmNN(h, i, i, 1, w1, sxp, 0, k.m)                  // M = W1 Sx
                Kernels.gemmNN(h, i, i, 1, a1, sxp, 0, k.aS)                 // a1 Sx
                var right = 0.0, left = 0.0
                for r in 0..<h {
                    let row = w1 + r * i, mr = k.m + r * i, ar = a1 + r * i, asr = k.aS + r * i
                    let q = Kernels.dot(mr, row, i), n = 1 + Kernels.sumOfSquares(row, i)
                    let am = Kernels.dot(ar, mr, i), aw = Kernels.dot(ar, row, i)
                    right += am - q * aw
                    left += am / n
                    if etaR > 0 {
                        for c in 0..<i { w1Bar[r * i + c] += etaH * (asr[c] - q * ar[c] - 2 * aw * mr[c]) }
                    } else if etaR < 0 {
                        for c in 0..<i { w1Bar[r * i + c] += etaH * (asr[c] / n - 2 * am / (n * n) * row[c]) }
                    }
                }
                right *= hebbianScale
                left *= hebbianScale
                if etaR > 0 { controlBar[Self.hebbianIndex] += right }
                else if etaR < 0 { controlBar[Self.hebbianIndex] += left }
                else { controlBar[Self.hebbianIndex] += right > 0 ? right : (left < 0 ? left : 0) }
            } else {
                for q in 0..<(o * i) { k.wbar[q] = -cw * k.e[q] }
            }
            // W = W2 W1
            Kernels.gemmNT(o, h, i, 1, k.wbar, w1, 1, w2Bar)
            Kernels.gemmTN(h, i, o, 1, w2, k.wbar, 1, w1Bar)
        }
    }
}

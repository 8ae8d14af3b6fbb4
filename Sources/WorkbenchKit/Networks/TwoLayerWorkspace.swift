extension TwoLayerNetwork {
    /// One engine's scratch for `evaluate` and `pullback`, allocated once.
    public final class Workspace {
        let buffers: Buffers
        private let arena: ScratchArena

        init(inputs i: Int, hidden h: Int, outputs o: Int) {
            let arena = ScratchArena()
            buffers = Buffers(inputs: i, hidden: h, outputs: o, from: arena)
            self.arena = arena
        }
    }

    /// The workspace's buffers as raw pointers, each named once with its size. The kernels get
    /// this struct by value: pointers held in a class would be reloaded after every store
    /// through another pointer (they might alias the object), blocking vectorization.
    struct Buffers {
        /// Modulated weights A = W1 o G~1 (H x I), B = W2 o G~2 (O x H); W = B A and W Sx (O x I).
        let a, b, w, ws: UnsafeMutablePointer<Double>
        /// Error E = Sxy^T - W Sx, weighted error Ehat = D E (O x I).
        let e, eh: UnsafeMutablePointer<Double>
        /// P = B^T Ehat (H x I), Q = Ehat A^T (O x H).
        let p, q: UnsafeMutablePointer<Double>
        /// Expanded gains 1 + G (ones when the layer has none) and the output weights d.
        let g1t, g2t, d: UnsafeMutablePointer<Double>
        /// Adjoints of P, Q, A, B, Ehat, G~2, d; M = Ebar Sx + c E.
        let pBar, qBar, aBar, bBar, ehBar, g2Bar, dBar, m: UnsafeMutablePointer<Double>
        /// [Qbar; -B] (2O x H) and [Ehat; M] (2O x I): Abar in one product; scratch for `timesSx`.
        let stackL, stackR, sxScratch: UnsafeMutablePointer<Double>

        init(inputs i: Int, hidden h: Int, outputs o: Int, from arena: ScratchArena) {
            a = arena.take(h * i); b = arena.take(o * h); w = arena.take(o * i); ws = arena.take(o * i)
            e = arena.take(o * i); eh = arena.take(o * i)
            p = arena.take(h * i); q = arena.take(o * h)
            g1t = arena.take(h * i, filledWith: 1); g2t = arena.take(o * h, filledWith: 1); d = arena.take(o, filledWith: 1)
            pBar = arena.take(h * i); qBar = arena.take(o * h); aBar = arena.take(h * i); bBar = arena.take(o * h)
            ehBar = arena.take(o * i); g2Bar = arena.take(o * h); dBar = arena.take(o); m = arena.take(o * i)
            stackL = arena.take(2 * o * h); stackR = arena.take(2 * o * i); sxScratch = arena.take(o * i)
        }
    }
}

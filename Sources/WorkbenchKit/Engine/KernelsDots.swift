extension Kernels {
    /// gemmNT's dot products for two rows of A against columns 0 ..< 4 quads of B^T, four
    /// columns at a time: the same per-entry chains as one column at a time (four lanes over p
    /// mod 4, the ragged end masked, then the lanes summed in order), but eight chains in flight,
    /// and the four lane sums of a quad formed by one transpose and three vector adds instead of
    /// four horizontal sums. ((l0 + l1) + l2) + l3 is the order `SIMD4.sum()` adds in. k >= 4.
    @inlinable @inline(__always)
    static func dotQuads(_ quads: Int, _ k: Int, _ alpha: Double, _ a0: Ptr, _ a1: Ptr, _ b: Ptr,
                         _ beta: Double, _ c0: MutPtr, _ c1: MutPtr, _ mask: V4) {
        @inline(__always) func laneSums(_ x0: V4, _ x1: V4, _ x2: V4, _ x3: V4) -> V4 {
            let l0 = V4(x0[0], x1[0], x2[0], x3[0]), l1 = V4(x0[1], x1[1], x2[1], x3[1])
            let l2 = V4(x0[2], x1[2], x2[2], x3[2]), l3 = V4(x0[3], x1[3], x2[3], x3[3])
            return ((l0 + l1) + l2) + l3
        }
        @inline(__always) func combine(_ d: V4, _ c: MutPtr) {
            store4(beta == 0 ? alpha * d : beta * load4(c) + alpha * d, c)
        }
        let ragged = k % 4 != 0
        for q in 0..<quads {
            let j = 4 * q
            let b0 = b + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k
            var s00 = V4(), s01 = V4(), s02 = V4(), s03 = V4(), s10 = V4(), s11 = V4(), s12 = V4(), s13 = V4()
            var p = 0
            while p + 4 <= k {
                let x0 = load4(a0 + p), x1 = load4(a1 + p)
                let v0 = load4(b0 + p), v1 = load4(b1 + p), v2 = load4(b2 + p), v3 = load4(b3 + p)
                s00 = s00.addingProduct(x0, v0); s10 = s10.addingProduct(x1, v0)
                s01 = s01.addingProduct(x0, v1); s11 = s11.addingProduct(x1, v1)
                s02 = s02.addingProduct(x0, v2); s12 = s12.addingProduct(x1, v2)
                s03 = s03.addingProduct(x0, v3); s13 = s13.addingProduct(x1, v3)
                p += 4
            }
            if ragged {
                // Reload the last four entries and mask the ones already summed.
                let x0 = load4(a0 + k - 4), x1 = load4(a1 + k - 4)
                let v0 = load4(b0 + k - 4) * mask, v1 = load4(b1 + k - 4) * mask
                let v2 = load4(b2 + k - 4) * mask, v3 = load4(b3 + k - 4) * mask
                s00 = s00.addingProduct(x0, v0); s10 = s10.addingProduct(x1, v0)
                s01 = s01.addingProduct(x0, v1); s11 = s11.addingProduct(x1, v1)
                s02 = s02.addingProduct(x0, v2); s12 = s12.addingProduct(x1, v2)
                s03 = s03.addingProduct(x0, v3); s13 = s13.addingProduct(x1, v3)
            }
            combine(laneSums(s00, s01, s02, s03), c0 + j)
            combine(laneSums(s10, s11, s12, s13), c1 + j)
        }
    }
}

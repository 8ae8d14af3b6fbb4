/// Small dense linear algebra on contiguous row-major Double buffers, written for the sizes of
/// this workbench (dimensions up to ~100, one of them often tiny: the outputs). No allocation.
/// Swift neither keeps accumulators in registers across a loop that writes memory it cannot
/// prove unaliased, nor reassociates floating-point sums, nor contracts to FMA on its own; so
/// the kernels block explicitly with SIMD4 accumulators and `addingProduct` (an FMA when the
/// CPU has one).
public enum Kernels {
    public typealias Ptr = UnsafePointer<Double>
    public typealias MutPtr = UnsafeMutablePointer<Double>
    public typealias V4 = SIMD4<Double>

    @inlinable @inline(__always)
    static func load4(_ p: Ptr) -> V4 { UnsafeRawPointer(p).loadUnaligned(as: V4.self) }

    @inlinable @inline(__always)
    static func store4(_ v: V4, _ p: MutPtr) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V4.self) }

    /// Dot product of two length-n vectors; four independent accumulators hide the FMA latency.
    @inlinable @inline(__always)
    public static func dot(_ a: Ptr, _ b: Ptr, _ n: Int) -> Double {
        var acc0 = V4(), acc1 = V4(), acc2 = V4(), acc3 = V4()
        var k = 0
        while k + 16 <= n {
            acc0 = acc0.addingProduct(load4(a + k), load4(b + k))
            acc1 = acc1.addingProduct(load4(a + k + 4), load4(b + k + 4))
            acc2 = acc2.addingProduct(load4(a + k + 8), load4(b + k + 8))
            acc3 = acc3.addingProduct(load4(a + k + 12), load4(b + k + 12))
            k += 16
        }
        while k + 4 <= n { acc0 = acc0.addingProduct(load4(a + k), load4(b + k)); k += 4 }
        var s = ((acc0 + acc1) + (acc2 + acc3)).sum()
        while k < n { s += a[k] * b[k]; k += 1 }
        return s
    }

    /// sum_k a_k b_k c_k, with the same four-way SIMD accumulation as `dot`.
    @inlinable @inline(__always)
    public static func dot3(_ a: Ptr, _ b: Ptr, _ c: Ptr, _ n: Int) -> Double {
        var acc0 = V4(), acc1 = V4()
        var k = 0
        while k + 8 <= n {
            acc0 = acc0.addingProduct(load4(a + k) * load4(b + k), load4(c + k))
            acc1 = acc1.addingProduct(load4(a + k + 4) * load4(b + k + 4), load4(c + k + 4))
            k += 8
        }
        while k + 4 <= n { acc0 = acc0.addingProduct(load4(a + k) * load4(b + k), load4(c + k)); k += 4 }
        var s = (acc0 + acc1).sum()
        while k < n { s += a[k] * b[k] * c[k]; k += 1 }
        return s
    }

    /// Sum of squares of n entries.
    @inlinable
    public static func sumOfSquares(_ x: Ptr, _ n: Int) -> Double { dot(x, x, n) }

    /// Sum of n entries.
    @inlinable
    public static func sum(_ x: Ptr, _ n: Int) -> Double {
        var acc = V4()
        var k = 0
        while k + 4 <= n { acc += load4(x + k); k += 4 }
        var s = acc.sum()
        while k < n { s += x[k]; k += 1 }
        return s
    }

    /// y += alpha * x over n entries.
    @inlinable @inline(__always)
    public static func axpy(_ alpha: Double, _ x: Ptr, _ y: MutPtr, _ n: Int) {
        for k in 0..<n { y[k] += alpha * x[k] }
    }

    @inlinable @inline(__always)
    public static func scale(_ c: MutPtr, _ n: Int, _ beta: Double) {
        if beta == 1 { return }
        if beta == 0 { c.update(repeating: 0, count: n); return }
        for k in 0..<n { c[k] *= beta }
    }

    /// C (m x n) = beta*C + alpha * A (m x k) * B (k x n).
    @inlinable
    public static func gemmNN(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr, _ b: Ptr,
                              _ beta: Double, _ c: MutPtr) {
        rowCombinations(m, n, k, alpha, a, k, 1, b, beta, c)
    }

    /// C (m x n) = beta*C + alpha * A^T * B, with A stored (k x m) and B (k x n).
    @inlinable
    public static func gemmTN(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr, _ b: Ptr,
                              _ beta: Double, _ c: MutPtr) {
        rowCombinations(m, n, k, alpha, a, 1, m, b, beta, c)
    }

    /// Row i of C = beta*C[i,:] + alpha * sum_p coef(i,p) B[p,:], coef(i,p) = a[i*rowStride + p*colStride].
    /// Each width class has its own chain per entry, fixed so results never depend on the SIMD
    /// width: n > 16 (`wideRows`) starts from beta*C (or 0) and adds one FMA with alpha*coef per p
    /// in order; `narrowRows8/16` sum the FMAs first and scale by alpha at the end; n < 4 is scalar.
    @inlinable
    static func rowCombinations(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr,
                                _ rowStride: Int, _ colStride: Int, _ b: Ptr, _ beta: Double, _ c: MutPtr) {
        if n < 4 {
            for i in 0..<m {
                let ci = c + i * n, ai = a + i * rowStride
                for j in 0..<n {
                    var s = beta != 0 ? beta * ci[j] : 0
                    for p in 0..<k { s += alpha * ai[p * colStride] * b[p * n + j] }
                    ci[j] = s
                }
            }
            return
        }
        if n <= 8 { narrowRows8(m, n, k, alpha, a, rowStride, colStride, b, beta, c); return }
        if n <= 16 { narrowRows16(m, n, k, alpha, a, rowStride, colStride, b, beta, c); return }
        wideRows(m, n, k, alpha, a, rowStride, colStride, b, beta, c)
    }

    /// rowCombinations for 4 <= n <= 8: two column blocks (the second overlapping when n < 8),
    /// four rows at a time so eight independent accumulators keep the FMA units busy and each
    /// row of B is loaded once per four rows. A single row would be one latency-bound FMA chain.
    @inlinable
    static func narrowRows8(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr,
                            _ rowStride: Int, _ colStride: Int, _ b: Ptr, _ beta: Double, _ c: MutPtr) {
        let o1 = n - 4
        @inline(__always) func combine(_ x: V4, _ y: V4) -> V4 { (alpha * x).addingProduct(V4(repeating: beta), y) }
        @inline(__always) func old(_ p: MutPtr) -> V4 { beta == 0 ? V4() : load4(p) }
        var i = n == 8 ? eightRowsOfEight(m, k, alpha, a, rowStride, colStride, b, beta, c) : 0
        while i + 4 <= m {
            let a0 = a + i * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
            var x00 = V4(), x01 = V4(), x10 = V4(), x11 = V4(), x20 = V4(), x21 = V4(), x30 = V4(), x31 = V4()
            var bp = b, off = 0
            for _ in 0..<k {
                let b0 = load4(bp), b1 = load4(bp + o1)
                let s0 = V4(repeating: a0[off]), s1 = V4(repeating: a1[off])
                let s2 = V4(repeating: a2[off]), s3 = V4(repeating: a3[off])
                x00 = x00.addingProduct(s0, b0); x01 = x01.addingProduct(s0, b1)
                x10 = x10.addingProduct(s1, b0); x11 = x11.addingProduct(s1, b1)
                x20 = x20.addingProduct(s2, b0); x21 = x21.addingProduct(s2, b1)
                x30 = x30.addingProduct(s3, b0); x31 = x31.addingProduct(s3, b1)
                bp += n; off += colStride
            }
            // The blocks overlap when n < 8 with identical sums; read C before writing any of it.
            let c0 = c + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n
            let y00 = old(c0), y01 = old(c0 + o1), y10 = old(c1), y11 = old(c1 + o1)
            let y20 = old(c2), y21 = old(c2 + o1), y30 = old(c3), y31 = old(c3 + o1)
            store4(combine(x01, y01), c0 + o1); store4(combine(x00, y00), c0)
            store4(combine(x11, y11), c1 + o1); store4(combine(x10, y10), c1)
            store4(combine(x21, y21), c2 + o1); store4(combine(x20, y20), c2)
            store4(combine(x31, y31), c3 + o1); store4(combine(x30, y30), c3)
            i += 4
        }
        while i < m {
            let ai = a + i * rowStride
            var x0 = V4(), x1 = V4(), bp = b, off = 0
            for _ in 0..<k {
                let s = V4(repeating: ai[off])
                x0 = x0.addingProduct(s, load4(bp)); x1 = x1.addingProduct(s, load4(bp + o1))
                bp += n; off += colStride
            }
            let ci = c + i * n
            let y0 = old(ci), y1 = old(ci + o1)
            store4(combine(x1, y1), ci + o1); store4(combine(x0, y0), ci)
            i += 1
        }
    }

    /// rowCombinations for 8 < n <= 16: four column blocks (the last overlapping), two rows at a time.
    @inlinable
    static func narrowRows16(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr,
                             _ rowStride: Int, _ colStride: Int, _ b: Ptr, _ beta: Double, _ c: MutPtr) {
        let o2 = min(8, n - 4), o3 = n - 4
        @inline(__always) func combine(_ x: V4, _ y: V4) -> V4 { (alpha * x).addingProduct(V4(repeating: beta), y) }
        @inline(__always) func old(_ p: MutPtr) -> V4 { beta == 0 ? V4() : load4(p) }
        var i = 0
        while i + 2 <= m {
            let a0 = a + i * rowStride, a1 = a0 + rowStride
            var x00 = V4(), x01 = V4(), x02 = V4(), x03 = V4(), x10 = V4(), x11 = V4(), x12 = V4(), x13 = V4()
            var bp = b, off = 0
            for _ in 0..<k {
                let b0 = load4(bp), b1 = load4(bp + 4), b2 = load4(bp + o2), b3 = load4(bp + o3)
                let s0 = V4(repeating: a0[off]), s1 = V4(repeating: a1[off])
                x00 = x00.addingProduct(s0, b0); x01 = x01.addingProduct(s0, b1)
                x02 = x02.addingProduct(s0, b2); x03 = x03.addingProduct(s0, b3)
                x10 = x10.addingProduct(s1, b0); x11 = x11.addingProduct(s1, b1)
                x12 = x12.addingProduct(s1, b2); x13 = x13.addingProduct(s1, b3)
                bp += n; off += colStride
            }
            let c0 = c + i * n, c1 = c0 + n
            let y00 = old(c0), y01 = old(c0 + 4), y02 = old(c0 + o2), y03 = old(c0 + o3)
            let y10 = old(c1), y11 = old(c1 + 4), y12 = old(c1 + o2), y13 = old(c1 + o3)
            store4(combine(x03, y03), c0 + o3); store4(combine(x02, y02), c0 + o2)
            store4(combine(x01, y01), c0 + 4); store4(combine(x00, y00), c0)
            store4(combine(x13, y13), c1 + o3); store4(combine(x12, y12), c1 + o2)
            store4(combine(x11, y11), c1 + 4); store4(combine(x10, y10), c1)
            i += 2
        }
        if i < m {
            let ai = a + i * rowStride
            var x0 = V4(), x1 = V4(), x2 = V4(), x3 = V4(), bp = b, off = 0
            for _ in 0..<k {
                let s = V4(repeating: ai[off])
                x0 = x0.addingProduct(s, load4(bp)); x1 = x1.addingProduct(s, load4(bp + 4))
                x2 = x2.addingProduct(s, load4(bp + o2)); x3 = x3.addingProduct(s, load4(bp + o3))
                bp += n; off += colStride
            }
            let ci = c + i * n
            let y0 = old(ci), y1 = old(ci + 4), y2 = old(ci + o2), y3 = old(ci + o3)
            store4(combine(x3, y3), ci + o3); store4(combine(x2, y2), ci + o2)
            store4(combine(x1, y1), ci + 4); store4(combine(x0, y0), ci)
        }
    }

    /// Lane mask keeping the last `keep` of four lanes (for the ragged end of a dot product).
    @inlinable @inline(__always)
    static func tailMask(_ keep: Int) -> V4 {
        V4(keep >= 4 ? 1 : 0, keep >= 3 ? 1 : 0, keep >= 2 ? 1 : 0, keep >= 1 ? 1 : 0)
    }

    /// C (m x n) = beta*C + alpha * A * B^T, with A stored (m x k) and B (n x k): dot products,
    /// two rows of A at a time so each row of B is loaded once per pair.
    @inlinable
    public static func gemmNT(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr, _ b: Ptr,
                              _ beta: Double, _ c: MutPtr) {
        // Short dot products spend more on their horizontal sums than on FMAs: transpose B on
        // the stack (n x k <= 12 n doubles) and combine rows instead.
        if k <= 12 && n >= 4 && m >= 2 {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: n * k) { buffer in
                let bt = buffer.baseAddress!
                for j in 0..<n { for p in 0..<k { bt[p * n + j] = b[j * k + p] } }
                rowCombinations(m, n, k, alpha, a, k, 1, UnsafePointer(bt), beta, c)
            }
            return
        }
        let mask = tailMask(k % 4)
        var i = 0
        while i + 2 <= m {
            let a0 = a + i * k, a1 = a0 + k
            let quads = k >= 4 ? n / 4 : 0
            if quads > 0 { dotQuads(quads, k, alpha, a0, a1, b, beta, c + i * n, c + (i + 1) * n, mask) }
            for j in (quads * 4)..<n {
                let bj = b + j * k
                var s0 = V4(), s1 = V4()
                var p = 0
                while p + 4 <= k {
                    let bv = load4(bj + p)
                    s0 = s0.addingProduct(load4(a0 + p), bv)
                    s1 = s1.addingProduct(load4(a1 + p), bv)
                    p += 4
                }
                if p < k && k >= 4 {
                    // Ragged end: reload the last four entries and mask the ones already summed.
                    let bv = load4(bj + k - 4) * mask
                    s0 = s0.addingProduct(load4(a0 + k - 4), bv)
                    s1 = s1.addingProduct(load4(a1 + k - 4), bv)
                    p = k
                }
                var d0 = s0.sum(), d1 = s1.sum()
                while p < k { d0 += a0[p] * bj[p]; d1 += a1[p] * bj[p]; p += 1 }
                let c0 = c + i * n + j, c1 = c0 + n
                c0.pointee = beta == 0 ? alpha * d0 : beta * c0.pointee + alpha * d0
                c1.pointee = beta == 0 ? alpha * d1 : beta * c1.pointee + alpha * d1
            }
            i += 2
        }
        if i < m {
            let ai = a + i * k
            for j in 0..<n {
                let d = alpha * dot(ai, b + j * k, k)
                c[i * n + j] = beta == 0 ? d : beta * c[i * n + j] + d
            }
        }
    }
}

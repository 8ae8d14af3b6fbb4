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

    /// Dot product of two length-n vectors.
    @inlinable @inline(__always)
    public static func dot(_ a: Ptr, _ b: Ptr, _ n: Int) -> Double {
        var acc0 = V4(), acc1 = V4()
        var k = 0
        while k + 8 <= n {
            acc0 = acc0.addingProduct(load4(a + k), load4(b + k))
            acc1 = acc1.addingProduct(load4(a + k + 4), load4(b + k + 4))
            k += 8
        }
        if k + 4 <= n { acc0 = acc0.addingProduct(load4(a + k), load4(b + k)); k += 4 }
        var s = (acc0 + acc1).sum()
        while k < n { s += a[k] * b[k]; k += 1 }
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
    /// Columns go in register blocks of 16, 8 and 4 while p runs; a ragged end (n not a multiple
    /// of 4) is one more 4-block ending at column n, computed before the others overwrite C and
    /// stored last, so its overlap with the previous block holds identical values.
    @inlinable
    static func rowCombinations(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr,
                                _ rowStride: Int, _ colStride: Int, _ b: Ptr, _ beta: Double, _ c: MutPtr) {
        let tailStart = n - 4
        let ragged = n >= 4 && n % 4 != 0
        for i in 0..<m {
            let ci = c + i * n, ai = a + i * rowStride
            if n < 4 {
                for j in 0..<n {
                    var s = beta != 0 ? beta * ci[j] : 0
                    for p in 0..<k { s += alpha * ai[p * colStride] * b[p * n + j] }
                    ci[j] = s
                }
                continue
            }
            var tail = V4()
            if ragged {
                if beta != 0 { tail = beta * load4(ci + tailStart) }
                for p in 0..<k { tail = tail.addingProduct(V4(repeating: alpha * ai[p * colStride]), load4(b + p * n + tailStart)) }
            }
            var j = 0
            while j + 16 <= n {
                var c0 = V4(), c1 = V4(), c2 = V4(), c3 = V4()
                if beta != 0 {
                    c0 = beta * load4(ci + j); c1 = beta * load4(ci + j + 4)
                    c2 = beta * load4(ci + j + 8); c3 = beta * load4(ci + j + 12)
                }
                for p in 0..<k {
                    let s = V4(repeating: alpha * ai[p * colStride])
                    let bp = b + p * n + j
                    c0 = c0.addingProduct(s, load4(bp)); c1 = c1.addingProduct(s, load4(bp + 4))
                    c2 = c2.addingProduct(s, load4(bp + 8)); c3 = c3.addingProduct(s, load4(bp + 12))
                }
                store4(c0, ci + j); store4(c1, ci + j + 4); store4(c2, ci + j + 8); store4(c3, ci + j + 12)
                j += 16
            }
            if j + 8 <= n {
                var c0 = V4(), c1 = V4()
                if beta != 0 { c0 = beta * load4(ci + j); c1 = beta * load4(ci + j + 4) }
                for p in 0..<k {
                    let s = V4(repeating: alpha * ai[p * colStride])
                    let bp = b + p * n + j
                    c0 = c0.addingProduct(s, load4(bp)); c1 = c1.addingProduct(s, load4(bp + 4))
                }
                store4(c0, ci + j); store4(c1, ci + j + 4)
                j += 8
            }
            if j + 4 <= n {
                var c0 = beta != 0 ? beta * load4(ci + j) : V4()
                for p in 0..<k { c0 = c0.addingProduct(V4(repeating: alpha * ai[p * colStride]), load4(b + p * n + j)) }
                store4(c0, ci + j)
            }
            if ragged { store4(tail, ci + tailStart) }
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
        let mask = tailMask(k % 4)
        var i = 0
        while i + 2 <= m {
            let a0 = a + i * k, a1 = a0 + k
            for j in 0..<n {
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

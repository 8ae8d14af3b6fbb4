extension Kernels {
    public typealias V8 = SIMD8<Double>

    @inlinable @inline(__always)
    static func load8(_ p: Ptr) -> V8 { UnsafeRawPointer(p).loadUnaligned(as: V8.self) }

    @inlinable @inline(__always)
    static func store8(_ v: V8, _ p: MutPtr) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V8.self) }

    /// rowCombinations for n > 16. Columns go in chunks of up to 32, four SIMD8 blocks, two rows
    /// at a time: eight independent FMA chains (one row alone is latency-bound when k is long,
    /// e.g. W = B A with O = 2 rows and k = H = 50), each row of B loaded once per pair, and the
    /// block offsets worked out once per chunk rather than per row (short k, e.g. P = B^T Ehat
    /// with k = O = 2 over H = 50 rows, was dominated by that set-up). Block b of a chunk starts
    /// at min(j0 + 8b, chunk end - 8): a ragged end is an overlapping block whose shared columns
    /// get identical values; every block of a row reads its old C before any is stored.
    @inlinable
    static func wideRows(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr,
                         _ rowStride: Int, _ colStride: Int, _ b: Ptr, _ beta: Double, _ c: MutPtr) {
        @inline(__always) func old(_ p: MutPtr) -> V8 { beta == 0 ? V8() : beta * load8(p) }
        var j0 = 0
        while j0 < n {
            // A chunk never leaves fewer than eight columns for the last, so blocks stay inside it.
            let rest = n - j0
            let width = rest > 32 && rest < 40 ? 24 : min(32, rest)
            let last = j0 + width - 8
            let o0 = j0, o1 = min(j0 + 8, last), o2 = min(j0 + 16, last), o3 = min(j0 + 24, last)
            var i = 0
            while i + 2 <= m {
                let a0 = a + i * rowStride, a1 = a0 + rowStride
                let c0 = c + i * n, c1 = c0 + n
                var x00 = old(c0 + o0), x01 = old(c0 + o1), x02 = old(c0 + o2), x03 = old(c0 + o3)
                var x10 = old(c1 + o0), x11 = old(c1 + o1), x12 = old(c1 + o2), x13 = old(c1 + o3)
                var bp = b, off = 0
                for _ in 0..<k {
                    let b0 = load8(bp + o0), b1 = load8(bp + o1), b2 = load8(bp + o2), b3 = load8(bp + o3)
                    let s0 = V8(repeating: alpha * a0[off]), s1 = V8(repeating: alpha * a1[off])
                    x00 = x00.addingProduct(s0, b0); x01 = x01.addingProduct(s0, b1)
                    x02 = x02.addingProduct(s0, b2); x03 = x03.addingProduct(s0, b3)
                    x10 = x10.addingProduct(s1, b0); x11 = x11.addingProduct(s1, b1)
                    x12 = x12.addingProduct(s1, b2); x13 = x13.addingProduct(s1, b3)
                    bp += n; off += colStride
                }
                store8(x03, c0 + o3); store8(x02, c0 + o2); store8(x01, c0 + o1); store8(x00, c0 + o0)
                store8(x13, c1 + o3); store8(x12, c1 + o2); store8(x11, c1 + o1); store8(x10, c1 + o0)
                i += 2
            }
            if i < m {
                let ai = a + i * rowStride, ci = c + i * n
                var x0 = old(ci + o0), x1 = old(ci + o1), x2 = old(ci + o2), x3 = old(ci + o3)
                var bp = b, off = 0
                for _ in 0..<k {
                    let s = V8(repeating: alpha * ai[off])
                    x0 = x0.addingProduct(s, load8(bp + o0)); x1 = x1.addingProduct(s, load8(bp + o1))
                    x2 = x2.addingProduct(s, load8(bp + o2)); x3 = x3.addingProduct(s, load8(bp + o3))
                    bp += n; off += colStride
                }
                store8(x3, ci + o3); store8(x2, ci + o2); store8(x1, ci + o1); store8(x0, ci + o0)
            }
            j0 += width
        }
    }

    /// narrowRows8 for n = 8 exactly (the tanh network's semantic task, I = 8): a row is one
    /// SIMD8, eight rows at a time so eight FMA chains are in flight; per entry the same chain as
    /// narrowRows8's (FMAs from 0, then alpha x + beta C). Returns the rows done (a multiple of 8).
    @inlinable
    static func eightRowsOfEight(_ m: Int, _ k: Int, _ alpha: Double, _ a: Ptr, _ rowStride: Int, _ colStride: Int,
                                 _ b: Ptr, _ beta: Double, _ c: MutPtr) -> Int {
        @inline(__always) func finish(_ x: V8, _ row: MutPtr) {
            let y = beta == 0 ? V8() : load8(row)
            store8((alpha * x).addingProduct(V8(repeating: beta), y), row)
        }
        var i = 0
        while i + 8 <= m {
            let a0 = a + i * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
            let a4 = a3 + rowStride, a5 = a4 + rowStride, a6 = a5 + rowStride, a7 = a6 + rowStride
            var x0 = V8(), x1 = V8(), x2 = V8(), x3 = V8(), x4 = V8(), x5 = V8(), x6 = V8(), x7 = V8()
            var bp = b, off = 0
            for _ in 0..<k {
                let bv = load8(bp)
                x0 = x0.addingProduct(V8(repeating: a0[off]), bv); x1 = x1.addingProduct(V8(repeating: a1[off]), bv)
                x2 = x2.addingProduct(V8(repeating: a2[off]), bv); x3 = x3.addingProduct(V8(repeating: a3[off]), bv)
                x4 = x4.addingProduct(V8(repeating: a4[off]), bv); x5 = x5.addingProduct(V8(repeating: a5[off]), bv)
                x6 = x6.addingProduct(V8(repeating: a6[off]), bv); x7 = x7.addingProduct(V8(repeating: a7[off]), bv)
                bp += 8; off += colStride
            }
            let row = c + i * 8
            finish(x0, row); finish(x1, row + 8); finish(x2, row + 16); finish(x3, row + 24)
            finish(x4, row + 32); finish(x5, row + 40); finish(x6, row + 48); finish(x7, row + 56)
            i += 8
        }
        return i
    }
}

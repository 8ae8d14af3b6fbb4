/// Small dense linear algebra on contiguous row-major Double buffers, written for the sizes of
/// this workbench (dimensions up to ~100). No allocation; loops are shaped so the compiler
/// vectorises the contiguous inner loop, and dot products use explicit SIMD accumulators
/// (Swift does not reassociate floating-point sums on its own).
public enum Kernels {
    public typealias Ptr = UnsafePointer<Double>
    public typealias MutPtr = UnsafeMutablePointer<Double>

    /// Dot product of two length-n vectors.
    @inlinable @inline(__always)
    public static func dot(_ a: Ptr, _ b: Ptr, _ n: Int) -> Double {
        var acc0 = SIMD4<Double>(), acc1 = SIMD4<Double>()
        var k = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while k + 8 <= n {
            acc0 += ra.loadUnaligned(fromByteOffset: k * 8, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: k * 8, as: SIMD4<Double>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: (k + 4) * 8, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: (k + 4) * 8, as: SIMD4<Double>.self)
            k += 8
        }
        if k + 4 <= n {
            acc0 += ra.loadUnaligned(fromByteOffset: k * 8, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: k * 8, as: SIMD4<Double>.self)
            k += 4
        }
        var s = (acc0 + acc1).sum()
        while k < n { s += a[k] * b[k]; k += 1 }
        return s
    }

    /// y += alpha * x over n entries.
    @inlinable @inline(__always)
    public static func axpy(_ alpha: Double, _ x: Ptr, _ y: MutPtr, _ n: Int) {
        for k in 0..<n { y[k] += alpha * x[k] }
    }

    /// C (m x n) = beta*C + alpha * A (m x k) * B (k x n).
    @inlinable
    public static func gemmNN(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr, _ b: Ptr,
                              _ beta: Double, _ c: MutPtr) {
        scale(c, m * n, beta)
        for i in 0..<m {
            let ci = c + i * n
            for p in 0..<k {
                let s = alpha * a[i * k + p]
                if s == 0 { continue }
                let bp = b + p * n
                for j in 0..<n { ci[j] += s * bp[j] }
            }
        }
    }

    /// C (m x n) = beta*C + alpha * A^T * B, with A stored (k x m) and B (k x n).
    @inlinable
    public static func gemmTN(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr, _ b: Ptr,
                              _ beta: Double, _ c: MutPtr) {
        scale(c, m * n, beta)
        for p in 0..<k {
            let bp = b + p * n
            for i in 0..<m {
                let s = alpha * a[p * m + i]
                if s == 0 { continue }
                let ci = c + i * n
                for j in 0..<n { ci[j] += s * bp[j] }
            }
        }
    }

    /// C (m x n) = beta*C + alpha * A * B^T, with A stored (m x k) and B (n x k).
    @inlinable
    public static func gemmNT(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: Ptr, _ b: Ptr,
                              _ beta: Double, _ c: MutPtr) {
        for i in 0..<m {
            let ai = a + i * k
            for j in 0..<n {
                let d = alpha * dot(ai, b + j * k, k)
                c[i * n + j] = beta == 0 ? d : beta * c[i * n + j] + d
            }
        }
    }

    @inlinable @inline(__always)
    public static func scale(_ c: MutPtr, _ n: Int, _ beta: Double) {
        if beta == 1 { return }
        if beta == 0 { c.update(repeating: 0, count: n); return }
        for k in 0..<n { c[k] *= beta }
    }

    /// Sum of squares of n entries.
    @inlinable
    public static func sumOfSquares(_ x: Ptr, _ n: Int) -> Double { dot(x, x, n) }
}

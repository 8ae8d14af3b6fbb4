import WorkbenchKit

/// The lowest loss any linear map reaches on a task (paper App. K.4): with the loss
/// 1/2 <|y - W x|^2>, the optimum is W* = Sxy^T Sx^-1 and
/// L* = 1/2 (tr Sy - tr(W* Sxy)). The paper uses it to rank MNIST pairs by difficulty.
public enum MinimumLinearError {
    /// W* (outputs x inputs, row-major).
    public static func optimalMap(_ s: TaskStatistics) throws -> [Double] {
        let n = s.inputCount, o = s.outputCount
        let z = try Cholesky(s.sx, size: n, name: "input second moment Sx").solve(s.sxy, columns: o)
        var w = [Double](repeating: 0, count: o * n)
        for i in 0..<n { for k in 0..<o { w[k * n + i] = z[i * o + k] } }
        return w
    }

    /// L* of the task.
    public static func loss(_ s: TaskStatistics) throws -> Double {
        let w = try optimalMap(s)
        let n = s.inputCount, o = s.outputCount
        var explained = 0.0
        for k in 0..<o { for i in 0..<n { explained += w[k * n + i] * s.sxy[i * o + k] } }
        return 0.5 * (s.traceSy - explained)
    }
}

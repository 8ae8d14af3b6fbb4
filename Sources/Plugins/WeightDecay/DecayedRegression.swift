import WorkbenchKit

/// Linear regression y-hat = w . x, trained by gradient descent on a `RegressionSample`'s mean
/// squared error, with a weight decay lambda(t) as the per-step control. Averaged over the sample,
///   f(w, lambda) = dw/dt = b - A w - lambda w,        A = X^T X / n,  b = X^T y / n,
/// and what the learner is judged on is the population it will meet (inputs N(0, I)):
///   L(w) = 1/2 E(y - w . x)^2 = 1/2 |w - w*|^2 + 1/2 sigma^2.
/// State [w] (d entries), control [lambda].
public struct DecayedRegression: LearningDynamics {
    public let sample: RegressionSample
    public init(sample: RegressionSample) { self.sample = sample }

    public var stateCount: Int { sample.inputs }
    public var controlCount: Int { 1 }

    public func evaluate(step: Int, state w: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         drift: UnsafeMutablePointer<Double>?, workspace: NoWorkspace) -> Double {
        let d = stateCount, a = sample.inputMoments, b = sample.inputOutputMoments, lambda = control[0]
        if let f = drift {
            for r in 0..<d {
                var aw = 0.0
                for c in 0..<d { aw += a[r * d + c] * w[c] }
                f[r] = b[r] - aw - lambda * w[r]
            }
        }
        var squaredError = 0.0
        for k in 0..<d { squaredError += (w[k] - sample.teacher[k]) * (w[k] - sample.teacher[k]) }
        return 0.5 * squaredError + 0.5 * sample.noise * sample.noise
    }

    /// stateBar += (df/dw)^T a + c dL/dw with df/dw = -(A + lambda I), dL/dw = w - w*;
    /// controlBar += (df/dlambda)^T a + c dL/dlambda with df/dlambda = -w, dL/dlambda = 0.
    public func pullback(step: Int, state w: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint adjoint: UnsafePointer<Double>?, lossWeight c: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         workspace: NoWorkspace) {
        let d = stateCount, a = sample.inputMoments, lambda = control[0]
        if let adj = adjoint {
            for r in 0..<d {
                var aTransposeAdj = 0.0
                for c in 0..<d { aTransposeAdj += a[c * d + r] * adj[c] }
                stateBar[r] -= aTransposeAdj + lambda * adj[r]
                controlBar[0] -= w[r] * adj[r]
            }
        }
        for k in 0..<d { stateBar[k] += c * (w[k] - sample.teacher[k]) }
    }

    /// The loss gradient descent actually minimizes, 1/2 mean over the sample of (y - w . x)^2
    /// = 1/2 (mean y^2 - 2 b . w + w . A w): falling while L rises is overfitting.
    public func trainingLoss(_ w: UnsafePointer<Double>) -> Double {
        let d = stateCount, a = sample.inputMoments, b = sample.inputOutputMoments
        var loss = sample.outputMoment
        for r in 0..<d {
            var aw = 0.0
            for c in 0..<d { aw += a[r * d + c] * w[c] }
            loss += w[r] * aw - 2 * b[r] * w[r]
        }
        return 0.5 * loss
    }
}

import WorkbenchKit

/// The single neuron of Sec. 2.1: y-hat = x w (1 + g), trained on two Gaussians (mean +-mu,
/// std sigma), whose averaged dynamics are eq. 4:
///   dw/dt = mu g~ - w (<x^2> g~^2 + lambda),   L = 1/2 (1 - 2 mu w g~ + <x^2> w^2 g~^2) + lambda/2 w^2
/// with <x^2> = mu^2 + sigma^2 and <y^2> = 1. State [w], control [g].
public struct SingleNeuron: LearningDynamics, StochasticModel {
    public var mu: Double
    public var sigma: Double
    public var lambda: Double
    public var secondMoment: Double { mu * mu + sigma * sigma }

    public init(mu: Double, sigma: Double, lambda: Double) { self.mu = mu; self.sigma = sigma; self.lambda = lambda }

    public var stateCount: Int { 1 }
    public var controlCount: Int { 1 }
    public final class Workspace {}
    public func makeWorkspace() -> Workspace { Workspace() }

    public func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         drift: UnsafeMutablePointer<Double>?, workspace: Workspace) -> Double {
        let w = state[0], gt = 1 + control[0], x2 = secondMoment
        drift?[0] = mu * gt - w * (x2 * gt * gt + lambda)
        return 0.5 * (1 - 2 * mu * w * gt + x2 * w * w * gt * gt) + 0.5 * lambda * w * w
    }

    public func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                         driftAdjoint a: UnsafePointer<Double>?, lossWeight c: Double,
                         stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                         workspace: Workspace) {
        let w = state[0], gt = 1 + control[0], x2 = secondMoment
        if let a = a {
            stateBar[0] += a[0] * -(x2 * gt * gt + lambda)
            controlBar[0] += a[0] * (mu - 2 * w * x2 * gt)
        }
        stateBar[0] += c * (-mu * gt + x2 * w * gt * gt + lambda * w)
        controlBar[0] += c * (-mu * w + x2 * w * w * gt)
    }

    // SGD on samples: loss 1/2 (y - x w g~)^2 + lambda/2 w^2 averaged over the batch.
    public final class SGDWorkspace {}
    public func makeSGDWorkspace(batch: Int) -> SGDWorkspace { SGDWorkspace() }
    public func batchLossAndGradient(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                                     x: UnsafePointer<Double>, y: UnsafePointer<Double>, batch: Int,
                                     gradient: UnsafeMutablePointer<Double>, noise: inout SeededGenerator,
                                     workspace: SGDWorkspace) -> Double {
        let w = state[0], gt = 1 + control[0]
        var loss = 0.0, grad = 0.0
        for b in 0..<batch {
            let r = x[b] * w * gt - y[b]
            loss += 0.5 * r * r
            grad += r * x[b] * gt
        }
        let inv = 1 / Double(batch)
        gradient[0] = grad * inv + lambda * w
        return loss * inv + 0.5 * lambda * w * w
    }

    /// Closed form of App. G.1 (eq. 50) for a control that is constant over [0, t]:
    /// w(t) = w* + (w0 - w*) exp(-k t), k = <x^2> g~^2 + lambda, w* = mu g~ / k.
    public func closedForm(w0: Double, g: Double, t: Double) -> Double {
        let gt = 1 + g, k = secondMoment * gt * gt + lambda, wStar = mu * gt / k
        return wStar + (w0 - wStar) * exp(-k * t)
    }
}

#if canImport(Glibc)
import Glibc
#endif

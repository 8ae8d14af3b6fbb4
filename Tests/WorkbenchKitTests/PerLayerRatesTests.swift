import XCTest
import WorkbenchKit

/// How a plugin wraps an existing network instead of writing its own (docs/plugins.md, "Wrapping
/// an existing network"): per-layer learning rates [r1, r2] as the per-step control around an
/// unchanged `TwoLayerNetwork`, f = [r1 f_W1 | r2 f_W2]. The loss is the network's. The pullback
/// hands the network the adjoint scaled by the same rates (so its own vector-Jacobian products do
/// the work) and adds each layer's f_W . a to that layer's rate.
struct PerLayerRates: LearningDynamics {
    /// Configured with no control of its own (no gains, engagement or rate).
    let net: TwoLayerNetwork

    var stateCount: Int { net.stateCount }
    var controlCount: Int { 2 }
    /// State [W1 (H x I) | W2 (O x H)]: entries below this are W1's.
    var firstLayerCount: Int { net.hidden * net.inputs }

    final class Workspace {
        let net: TwoLayerNetwork.Workspace
        var drift: [Double], adjoint: [Double]
        init(_ net: TwoLayerNetwork.Workspace, count: Int) {
            self.net = net
            drift = [Double](repeating: 0, count: count); adjoint = drift
        }
    }
    func makeWorkspace() -> Workspace { Workspace(net.makeWorkspace(), count: stateCount) }

    func evaluate(step: Int, state: UnsafePointer<Double>, control rate: UnsafePointer<Double>,
                  drift: UnsafeMutablePointer<Double>?, workspace: Workspace) -> Double {
        let loss = net.evaluate(step: step, state: state, control: rate, drift: drift, workspace: workspace.net)
        if let f = drift {
            for k in 0..<stateCount { f[k] *= rate[k < firstLayerCount ? 0 : 1] }
        }
        return loss
    }

    func pullback(step: Int, state: UnsafePointer<Double>, control rate: UnsafePointer<Double>,
                  driftAdjoint a: UnsafePointer<Double>?, lossWeight: Double,
                  stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>,
                  workspace: Workspace) {
        workspace.drift.withUnsafeMutableBufferPointer { f in
            workspace.adjoint.withUnsafeMutableBufferPointer { scaled in
                // The network's own drift f_W at this state (this also readies its workspace).
                _ = net.evaluate(step: step, state: state, control: rate, drift: f.baseAddress!, workspace: workspace.net)
                if let a {
                    for k in 0..<stateCount {
                        let layer = k < firstLayerCount ? 0 : 1
                        controlBar[layer] += f[k] * a[k]
                        scaled[k] = rate[layer] * a[k]
                    }
                }
                net.pullback(step: step, state: state, control: rate, driftAdjoint: a == nil ? nil : UnsafePointer(scaled.baseAddress!),
                             lossWeight: lossWeight, stateBar: stateBar, controlBar: controlBar, workspace: workspace.net)
            }
        }
    }
}

final class PerLayerRatesTests: XCTestCase {
    let net = TwoLayerNetwork(configuration: .init(hidden: 3, lambda: 0.01), task: randomTask(inputs: 4, outputs: 3, seed: 5))
    let steps = 30

    func engine(_ dynamics: some LearningDynamics, cost: any ControlCost = ZeroCost()) -> any ValueEngine {
        var rng = SeededGenerator(seed: 6)
        return Engine(ControlProblem(dynamics: dynamics, steps: steps, dt: 0.05, gamma: 0.9, eta: 1, cost: cost,
                                     map: .perStep(initialState: net.randomInitialState(std: 0.3, using: &rng))))
    }

    /// The wrapper's pullback against finite differences of V, rates away from 1 and a cost on them.
    func testGradientMatchesFiniteDifferences() {
        let wrapped = engine(PerLayerRates(net: net), cost: NormCost(.quadratic, beta: 0.3, norm: WeightedSquares(range: 0..<2, offset: 1)))
        var rng = SeededGenerator(seed: 7)
        let theta = (0..<(2 * steps)).map { _ in 1 + 0.3 * rng.normal() }
        XCTAssertLessThan(checkGradient(engine: wrapped, at: theta, directions: 6).maxRelativeError, 1e-6)
    }

    /// Rates of 1 are the network itself; a second-layer rate of 0 freezes W2.
    func testUnitRatesAreTheNetworkAndZeroFreezesALayer() {
        let plain = engine(net).rollout([])
        let unit = engine(PerLayerRates(net: net)).rollout([Double](repeating: 1, count: 2 * steps))
        XCTAssertEqual(unit.finalState, plain.finalState)
        let frozen = engine(PerLayerRates(net: net)).rollout((0..<steps).flatMap { _ in [1.0, 0.0] })
        let w1 = net.hidden * net.inputs
        XCTAssertEqual(Array(frozen.finalState[w1...]), Array(frozen.initialState[w1...]))
        XCTAssertNotEqual(Array(frozen.finalState[..<w1]), Array(frozen.initialState[..<w1]))
    }
}

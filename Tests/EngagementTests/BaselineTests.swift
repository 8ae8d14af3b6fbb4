import XCTest
@testable import Engagement
import WorkbenchKit
import TestSupport

final class EngagementBaselineTests: XCTestCase {
    /// Sec. 5.1: the baseline is psi = 1 with C = 0 in every mode, so its value is the discounted
    /// loss alone and does not change with beta (active mode's beta|psi|^2 would charge psi = 1).
    func testBaselineValueIsTheUnchargedLossInEveryMode() throws {
        let dir = try bundledMNISTDirectory()
        for mode in EngagementMode.allCases.map(\.rawValue) {
            var values: [Double] = []
            for beta in ["0.1", "5"] {
                let run = try runExperiment(TaskEngagementExperiment(), options: RunOptions(
                    preset: "quick", overrides: [("mode", mode), ("beta", beta), ("steps", "200"), ("iterations", "1")],
                    mnistDirectory: dir))
                let loss = run.column("loss_baseline")!, dt = run.parameters[.learningRate]
                let gamma = run.parameters[.gamma]
                let discounted = loss.indices.reduce(0.0) { $0 - dt * pow(gamma, Double($1) * dt) * loss[$1] }
                XCTAssertEqual(run.valueBaseline, discounted, accuracy: 1e-12 * abs(discounted), "\(mode), beta \(beta)")
                XCTAssertEqual(run.column("cost_baseline")!.max(), 0, "\(mode), beta \(beta)")
                values.append(run.valueBaseline)
            }
            XCTAssertEqual(values[0], values[1], "\(mode): V_B must not depend on beta")
        }
    }
}

import PluginList
import TestSupport
import WorkbenchKit
import XCTest

/// Every registered experiment, a new plugin's with no test of its own included, passes the
/// gradient check `workbench gradcheck` runs, at its quick preset.
final class EveryExperimentGradientTests: XCTestCase {
    func testEveryExperimentsAdjointMatchesFiniteDifferences() throws {
        for experiment in Plugins.registry.experiments {
            let p = try experiment.resolve(.quick, overrides: [])
            let mnist = experiment.needsMNIST(p) ? try bundledMNISTDirectory() : nil
            let check = try experiment.gradientCheck(p, context: RunContext(seed: 0, mnistDirectory: mnist))
            XCTAssertLessThan(check.report.maxRelativeError, 1e-5, experiment.name)
        }
    }
}

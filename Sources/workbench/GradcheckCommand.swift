import ArgumentParser
import Foundation
import PluginList
import WorkbenchKit

struct GradcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Compare dV/dg from the adjoint with central finite differences along random directions.")

    @Argument(help: "Experiment name.")
    var experiment: String

    @OptionGroup var options: ExperimentOptions

    @Option(name: .long, help: "Random directions to test.")
    var directions: Int = 6

    @Option(name: .long, help: "Fixed finite-difference step along each unit direction (Richardson-extrapolated). Default: each direction picks the step where the estimates settle between truncation and round-off.")
    var epsilon: Double?

    @Option(name: .long, help: "Largest accepted relative error.")
    var tolerance: Double = 1e-4

    func run() throws {
        try reportingErrors {
            guard epsilon.map({ $0 > 0 && $0.isFinite }) ?? true, directions > 0 else {
                throw WorkbenchError("--epsilon must be a positive number and --directions a positive integer")
            }
            let e = try Plugins.registry.experiment(named: experiment)
            let params = try e.resolve(preset: options.preset, overrides: try options.overrides())
            let (report, parameterCount) = try e.gradientCheck(params, context: RunContext(seed: options.seed, mnistDirectory: options.mnistDirectory),
                                                               directions: directions, epsilon: epsilon)
            for (k, d) in report.directions.enumerated() {
                print(String(format: "direction %d  adjoint % .10e  finite-diff % .10e  rel.err %.2e  step %.1e  settled to %.1e",
                             k, d.analytic, d.numeric, d.relativeError, d.step, d.spread))
            }
            let ok = report.passes(tolerance: tolerance)
            print("\(e.name): max relative error \(String(format: "%.2e", report.maxRelativeError)) over \(parameterCount) control parameters: \(ok ? "PASS" : "FAIL")")
            // Estimates that never agree to better than the error itself mean V is not smooth along
            // that direction: the finite differences, not the adjoint, are then the weak side.
            let rough = report.directions.filter { $0.spread > 1e-6 && $0.spread >= 0.1 * $0.relativeError }
            if epsilon == nil, !rough.isEmpty {
                print("note: along \(rough.count) of \(report.directions.count) direction(s) the finite differences did not settle "
                      + "(best agreement \(String(format: "%.1e", rough.map(\.spread).min()!))): V has a kink along them "
                      + "(e.g. the learning rule at eta_r = 0), so finite differences cannot check the adjoint below that level")
            }
            if !ok { throw ExitCode(1) }
        }
    }
}

import ArgumentParser
import Foundation
import PluginList
import WorkbenchKit

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time one Euler step (forward + adjoint) of an experiment's paper-size model, in microseconds of CPU time.")

    @Argument(help: "Experiment name.")
    var experiment: String = "effort-allocation"

    @OptionGroup var options: ExperimentOptions

    @Option(name: .long, help: "Euler steps per timed rollout (default: the paper preset's horizon).")
    var steps: Int?

    @Option(name: .long, help: "Also time the adjoint checkpointed every this many steps, a segment the caches hold (one experiment, not --all).")
    var segment: Int?

    @Option(name: .long, help: "Timed rollouts (the fastest is reported).")
    var repeats: Int = 5

    @Flag(name: .long, help: "Every experiment at its paper sizes, one line each (the budget's trajectory storage; with --steps, e.g. 2000, it takes a minute or two).")
    var all = false

    func run() throws {
        try reportingErrors {
            guard (steps ?? 1) > 0, (segment ?? 1) > 0, repeats > 0 else { throw WorkbenchError("--steps, --segment and --repeats must be positive") }
            if all && segment != nil { throw WorkbenchError("--segment: times one experiment's checkpointed adjoint; expected an experiment name instead of --all") }
            // The paper's model sizes and, unless --steps says otherwise, its horizon: a long
            // trajectory streams through memory, so time per step depends on N.
            let preset = options.preset == "quick" ? "paper" : options.preset
            if all {
                print("experiment                        state  control/step   steps   forward  fwd+adjoint  ascent  two-pass (us/step)")
                for e in Plugins.registry.experiments {
                    do {
                        let (engine, prepared) = try prepare(e, preset: preset)
                        let t = time(engine, theta: prepared.initialControl, optimizer: prepared.optimizer)
                        print(e.name.padding(toLength: 32, withPad: " ", startingAt: 0)
                              + String(format: " %6d %13d %7d %9.2f %12.2f %7.2f %9.2f", engine.stateCount, engine.controlCount,
                                       engine.steps, t.forward, t.both, t.ascent, t.twoPass))
                    } catch let error as WorkbenchError {
                        print("\(e.name): not timed: \(error.message)")
                    }
                }
                return
            }
            let e = try Plugins.registry.experiment(named: experiment)
            let (engine, prepared) = try prepare(e, preset: preset)
            print("\(e.name) (\(preset) sizes: state \(engine.stateCount), control \(engine.controlCount) per step, \(engine.steps) steps, 1 thread, Double)")
            // The budget's choice first; when that stores the trajectory, the checkpointed adjoint too.
            var storages = [engine.memoryPlan.storage]
            if engine.memoryPlan.storage == .stored, engine.leanestStorage != .stored { storages.append(engine.leanestStorage) }
            if let k = segment { storages.append(.checkpointed(segment: k)) }
            for storage in storages {
                engine.useTrajectoryStorage(storage)
                print("  \(storage), \(formatBytes(engine.memoryPlan.totalBytes)) planned:")
                let t = time(engine, theta: prepared.initialControl, optimizer: prepared.optimizer)
                print(String(format: "    forward only        %8.2f us/step", t.forward))
                print(String(format: "    forward + adjoint   %8.2f us/step", t.both))
                print(String(format: "    + ascent update     %8.2f us/step (one full control iteration, the update fused into the adjoint)", t.ascent))
                print(String(format: "    ascent, two passes  %8.2f us/step (the gradient, then the update)", t.twoPass))
            }
        }
    }

    /// The experiment's engine at `preset` sizes over `--steps` (default: the preset's horizon;
    /// an experiment whose horizon is not `steps`, such as MAML's K, keeps its own).
    func prepare(_ e: any Experiment, preset: String) throws -> (any ValueEngine, PreparedRun) {
        if all && !e.parameters.contains(where: { $0.name == "steps" }) {
            let params = try e.resolve(preset: preset, overrides: [("iterations", "0")] + (try options.overrides()))
            let prepared = try e.prepare(params, context: RunContext(seed: options.seed, mnistDirectory: options.mnistDirectory))
            return (prepared.engine, prepared)
        }
        let horizon = try steps.map(String.init) ?? {
            guard case .integer(let n)? = try e.resolve(preset: preset, overrides: []).values["steps"] else {
                throw WorkbenchError("\(e.name) has no 'steps' parameter to benchmark")
            }
            return String(n)
        }()
        let params = try e.resolve(preset: preset, overrides: [("steps", horizon), ("iterations", "0")] + (try options.overrides()))
        let prepared = try e.prepare(params, context: RunContext(seed: options.seed, mnistDirectory: options.mnistDirectory))
        return (prepared.engine, prepared)
    }

    /// The best of `repeats` timings (thread CPU time, `StepCost.time`), in us per step, of a
    /// forward pass, forward + adjoint, and a full ascent step, fused and in two passes.
    func time(_ engine: any ValueEngine, theta: [Double], optimizer: OptimizerSettings)
        -> (forward: Double, both: Double, ascent: Double, twoPass: Double) {
        let t = StepCost.time(engine, theta: theta, repeats: repeats, forward: true, ascent: optimizer)
        let perStep = 1e6 / Double(engine.steps)
        return (t.forward! * perStep, t.forwardAndAdjoint * perStep, t.ascent! * perStep, t.twoPassAscent! * perStep)
    }
}

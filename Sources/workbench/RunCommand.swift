import ArgumentParser
import PluginList
import WorkbenchKit

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Optimize an experiment's control; write result.json and series.csv.")

    @Argument(help: "Experiment name (see `workbench list`).")
    var experiment: String

    @OptionGroup var options: ExperimentOptions

    @Option(name: .long, help: "Output directory (default: runs/<experiment>).")
    var out: String?

    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    func run() throws {
        try reportingErrors {
            let e = try Plugins.registry.experiment(named: experiment)
            let outcome = try runExperiment(e, options: RunOptions(
                preset: options.preset, overrides: try options.overrides(), seed: options.seed,
                outDirectory: out ?? "runs/\(experiment)", quiet: quiet, mnistDirectory: options.mnistDirectory))
            if !quiet {
                print("V baseline \(outcome.valueBaseline)  V control \(outcome.valueControl)  (\(formatDuration(outcome.seconds)))")
            }
        }
    }
}

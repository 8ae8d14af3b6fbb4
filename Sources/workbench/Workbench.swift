import ArgumentParser
import Datasets
import Foundation
import WorkbenchKit

@main
struct Workbench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Optimal control of learning: the learning-effort framework (gains, engagement, learning rates, initial weights, learning rules).",
        version: workbenchVersion,
        subcommands: [ListCommand.self, RunCommand.self, GradcheckCommand.self, MnistCommand.self, BenchCommand.self,
                      FiguresCommand.self, PlotCommand.self])
}

/// Runs a command body, turning our errors into one line on stderr and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as WorkbenchError {
        FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
        throw ExitCode(1)
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// Options shared by commands that run experiments.
struct ExperimentOptions: ParsableArguments {
    @Option(name: .long, help: "Parameter preset: quick or paper.")
    var preset: String = "quick"

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter (repeatable).", valueName: "key=value"))
    var sets: [String] = []

    @Option(name: .long, help: "Random seed (weights, initial control, SGD batches).")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Directory with MNIST IDX files (raw or .gz). Default: $MNIST_DIR, then the bundled copy.")
    var mnist: String?

    func overrides() throws -> [(String, String)] {
        try sets.map { item in
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw WorkbenchError("--set '\(item)': expected key=value")
            }
            return (String(item[..<eq]), String(item[item.index(after: eq)...]))
        }
    }

    var mnistDirectory: String? { resolveMNISTDirectory(mnist) }
}

/// --mnist, then $MNIST_DIR, then the copy bundled with the project; nil only when none is
/// given and the bundled copy is missing (a run that needs MNIST then says so).
func resolveMNISTDirectory(_ explicit: String?) -> String? {
    try? MNISTLocation.resolve(explicit: explicit)
}

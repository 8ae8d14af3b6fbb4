import ArgumentParser
import Datasets
import WorkbenchKit

struct MnistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mnist", abstract: "MNIST utilities.",
                                                    subcommands: [Stats.self])

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Minimum linear error L* (App. K.4) for a digit pair, or the 10x10 table of Fig. 18.")

        @Option(name: [.customLong("mnist"), .customLong("dir")],
                help: "Directory with the IDX files (raw or .gz). Default: $MNIST_DIR, then the bundled copy.")
        var dir: String?

        @Option(name: .long, help: "Two digits, e.g. 0,1 (default: every pair).")
        var digits: String?

        @Option(name: .long, help: "Split: train or test.")
        var split: String = "train"

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            try reportingErrors {
                let directory = try MNISTLocation.resolve(explicit: dir)
                guard let s = MNISTSplit(rawValue: split) else {
                    throw WorkbenchError("--split '\(split)': expected train or test")
                }
                if let d = digits {
                    let pair = try MNIST.parseDigits(d)
                    guard pair.count == 2 else {
                        throw WorkbenchError("--digits '\(d)': \(pair.count) digit\(pair.count == 1 ? "" : "s"); expected two distinct digits 0-9, e.g. 0,1")
                    }
                    let result = try DigitPairLoss(directory: directory, split: s, digits: pair)
                    print(json ? try result.json() : result.text)
                } else {
                    let table = try DigitPairTable(directory: directory, split: s)
                    print(json ? try table.json() : table.text)
                }
            }
        }
    }
}

import Datasets
import Foundation
import Render
import WorkbenchKit

/// Figure 18 (App. K.4-K.5): the minimum linear-regression loss L* for every pair of MNIST
/// digits, and each digit's average over its partners (normalised), which orders digits from
/// easy to hard. Computed from the MNIST files by Datasets; no control run is involved.
struct DigitPairFigure: PaperFigure {
    let id = "fig18"
    let number = 18
    let title = "Linear separability of MNIST digit pairs"
    let caption = """
        (a) Minimum error L* achievable by a linear classifier (5x5 + bias inputs, one-hot targets) between two \
        digits (rows and columns); (b) each digit's average L* over the other nine, divided by the largest average \
        (colour bar: this normalised quantity), the easy-to-hard order used in App. K.5. The paper used the training \
        split; this figure uses the training images when the MNIST folder has them, else the test split.
        """
    let requiredExperiments: [String] = []
    var readsMNIST: Bool { true }

    func runs(_ c: PlanContext) -> [RunRequest] { [] }

    func parameterNotes(_ c: PlanContext) -> [String] { ["no runs: computed from the MNIST files (the same in both presets)"] }

    /// The paper's split when present, else the one shipped with the repository's data.
    static func split(_ directory: String) -> MNISTSplit {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.contains { $0.hasPrefix("train-images-idx3-ubyte") } ? .train : .test
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let directory = try inputs.requireMNIST()
        let split = Self.split(directory)
        let table = try DigitPairTable(directory: directory, split: split)
        let fig = Figure(rows: 1, cols: 2, width: 10.5, height: 4.8, dpi: 110)
        fig.title = "Figure 18: \(title) (MNIST \(split.rawValue) split)"
        let digits = (0..<10).map(String.init)
        let pairs = fig[0, 0]
        pairs.heatmap(table.values.map { $0.map { $0 ?? .nan } }, colormap: .viridis, annotate: true, format: "%.3f",
                      label: "L*", rowLabels: digits, columnLabels: digits)
        pairs.xLabel = "Digit"
        pairs.yLabel = "Digit"
        pairs.title = "Minimum linear error L* per pair"
        let averages = Style.normalisedByMax(table.digitAverages)
        let perDigit = fig[0, 1]
        perDigit.heatmap(averages.map { [$0] }, colormap: .viridis, annotate: true, format: "%.2f",
                         label: "average L* / max", rowLabels: digits, columnLabels: ["avg"])
        perDigit.yLabel = "Digit"
        perDigit.title = "Easiest first: " + table.easiestFirst.map(String.init).joined(separator: ", ")
        return fig
    }
}

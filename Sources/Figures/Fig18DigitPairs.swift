import FigureKit
import Datasets
import Foundation
import Render
import WorkbenchKit

/// Figure 18 (App. K.4-K.5): the minimum linear-regression loss L* for every pair of MNIST
/// digits, and each digit's average over its partners (normalized), which orders digits from
/// easy to hard. Computed from the MNIST files by Datasets; no control run is involved.
struct DigitPairFigure: PaperFigure {
    let number = 18
    let title = "Linear separability of MNIST digit pairs"
    let caption = """
        (a) Minimum error L* achievable by a linear classifier (5x5 + bias inputs, one-hot targets) between two \
        digits (rows and columns); (b) each digit's average L* over the other nine, divided by the largest average \
        (color bar: this normalized quantity), the easy-to-hard order used in App. K.5. Both on the 60,000 training \
        images, as the paper.
        """
    let requiredExperiments: [ExperimentName] = []
    var readsMNIST: Bool { true }

    func runs(_ c: PlanContext) -> [RunRequest] { [] }

    func parameterNotes(_ c: PlanContext) -> [String] { ["no runs: computed from the MNIST files (the same in both presets)"] }

    /// The paper's statistics come from the training split.
    static let split = MNISTSplit.train

    /// L* of the task-engagement pairs as App. K.4 prints them (value, decimals printed).
    static let printedLosses: [(pair: (Int, Int), value: Double, decimals: Int)] = [
        ((0, 1), 0.02, 2), ((7, 1), 0.036, 3), ((8, 9), 0.055, 3),
    ]

    /// App. K.5's order of the digits from easiest to hardest to separate linearly.
    static let paperOrder = [0, 6, 1, 4, 7, 9, 2, 3, 8, 5]

    /// The heatmaps the claims read, as drawn (one data column per matrix column).
    static let pairTable = DrawnSeries(panel: "a", label: "L*")
    static let digitAverages = DrawnSeries(panel: "b", label: "average L* / max")

    func claims(_ c: PlanContext) -> [Claim] {
        [
            Claim("(a) “(0, 1), (7, 1) and (8, 9) have corresponding 0.02, 0.036, and 0.055 optimal loss L*”: L* of these pairs rounds to the printed digits", citation: "App. K.4") { n in
                let m = try (0..<10).map { try n.column(Self.pairTable.column("col\($0)")) }
                let found = Self.printedLosses.map { entry -> (Bool, String) in
                    let (a, b) = entry.pair
                    let measured = m[b][a], scale = pow(10, Double(entry.decimals))
                    let rounded = (measured * scale).rounded() / scale
                    return (rounded == entry.value, "(\(a), \(b)) \(String(format: "%.4f", measured)) vs \(entry.value)")
                }
                return ClaimOutcome(found.allSatisfy(\.0), "L*: " + found.map(\.1).joined(separator: ", "))
            },
            Claim("(b) “the order from easier to hardest are 0, 6, 1, 4, 7, 9, 2, 3, 8, 5”: the digits' average L* over the other nine, ascending, "
                  + "give exactly that order", citation: "App. K.5") { n in
                let averages = try n.column(Self.digitAverages.column("col0"))
                let order = averages.indices.sorted { averages[$0] < averages[$1] }
                return ClaimOutcome(order == Self.paperOrder, "measured order: \(order.map(String.init).joined(separator: ", "))")
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let directory = try inputs.requireMNIST()
        let split = Self.split
        let table = try DigitPairTable(directory: directory, split: split)
        let fig = Figure(rows: 1, cols: 2, width: 10.5, height: 4.8, dpi: 110)
        fig.title = "\(heading): \(title) (MNIST \(split.rawValue) split)"
        let digits = (0..<10).map(String.init)
        let pairs = fig[0, 0]
        pairs.heatmap(table.values.map { $0.map { $0 ?? .nan } }, colormap: .viridis, annotate: true, format: "%.3f",
                      label: Self.pairTable.label, rowLabels: digits, columnLabels: digits)
        pairs.xLabel = "Digit"
        pairs.yLabel = "Digit"
        pairs.title = "Minimum linear error L* per pair"
        let averages = Style.normalizedByMax(table.digitAverages)
        let perDigit = fig[0, 1]
        perDigit.heatmap(averages.map { [$0] }, colormap: .viridis, annotate: true, format: "%.2f",
                         label: Self.digitAverages.label, rowLabels: digits, columnLabels: ["avg"])
        perDigit.yLabel = "Digit"
        perDigit.title = "Easiest first: " + table.easiestFirst.map(String.init).joined(separator: ", ")
        return fig
    }
}

import WorkbenchKit

/// Every paper figure this build can draw, and the ones still waiting for their experiment's
/// drawing code (reported as skipped, never faked).
public enum FigureCatalog {
    public static let figures: [any PaperFigure] = [
        SingleNeuronFigure(),
        EffortAllocationFigure.mnist,
        SingleNeuronSweepFigure(),
        EffortAllocationFigure.gaussian,
        EffortAllocationFigure.semantic,
        WeightTraceFigure.gaussian,
        WeightTraceFigure.semantic,
        WeightTraceFigure.mnist,
        DigitPairFigure(),
        MetaLearningFigure(),
        MamlDynamicsFigure(),
        MamlOptimisationFigure(),
        LearningRateFigure(),
        LearningRuleFigure(),
        NonLinearFigure(),
        EffortAllocationFigure.taskSwitch,
        WeightTraceFigure.taskSwitch,
        EngagementFigure(),
        NeuronBasisFigure(),
        NonLinearEngagementFigure(),
    ].sorted { $0.number < $1.number }

    /// Figures not drawn by this build yet, with what they wait for.
    public static let pending: [(number: Int, reason: String)] = [
    ]

    public static var allIDs: [String] {
        (figures.map(\.number) + pending.map(\.number)).sorted().map { "fig\($0)" }
    }

    struct Selection {
        var implemented: [any PaperFigure]
        var pending: [FiguresReport.NotMade]
    }

    /// The figures named by --only ("fig2", "2", "fig02"), or all; unknown names are an error.
    static func select(_ only: [String]?) throws -> Selection {
        var numbers: [Int]
        if let only {
            // `--only ''` or `--only fig2,,fig5` would quietly draw less than asked (or nothing).
            guard !only.isEmpty, !only.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                throw WorkbenchError("--only '\(only.joined(separator: ","))': an empty figure name; expected comma-separated figures from \(allIDs.joined(separator: ",")), e.g. fig2,fig5")
            }
            numbers = []
            for raw in only {
                let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
                let digits = name.hasPrefix("fig") ? String(name.dropFirst(3)) : name
                guard let n = Int(digits), allIDs.contains("fig\(n)") else {
                    throw WorkbenchError("--only: unknown figure '\(raw)'; expected some of \(allIDs.joined(separator: ","))")
                }
                if !numbers.contains(n) { numbers.append(n) }
            }
            numbers.sort()
        } else {
            numbers = figures.map(\.number) + pending.map(\.number)
            numbers.sort()
        }
        return Selection(
            implemented: figures.filter { numbers.contains($0.number) },
            pending: pending.filter { numbers.contains($0.number) }.map { .init(id: "fig\($0.number)", reason: $0.reason) })
    }
}

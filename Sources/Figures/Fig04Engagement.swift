import Render
import WorkbenchKit

/// Figure 4 (Sec. 5): task engagement (attentive, active, vector), category engagement on MNIST
/// and the semantic hierarchy, and class proportions as a curriculum.
struct EngagementFigure: PaperFigure {
    let id = "fig4"
    let number = 4
    let title = "Task and category engagement"
    let caption = """
        (a), (c), (e) L(t) of baseline and control for attentive, active and vector task engagement on the MNIST \
        pairs (0,1), (7,1), (8,9); (b), (d), (f) the engagement coefficients ψ_τ(t) of each task (mean ±2 std over \
        seeds). (h), (j) improvement in the loss with category engagement, L_B(t) - L_C(t), on MNIST and the \
        semantic hierarchy; (i), (k) the optimal category engagement φ_c(t) per digit and per hierarchy node \
        (coloured by level). (l) Class proportions, SGD on batches drawn with them (mean ±1 std over SGD runs and \
        seeds): Uniform = loss with uniform class proportions, Balanced = loss on balanced batches while training on \
        the inferred curriculum (φ_c(t) of (i) reused as proportions), Curriculum = loss on the curriculum batches; \
        (m) loss per class with the curriculum (solid) and uniform proportions (dashed), ±1 std. The paper has no panel (g). \
        Easier tasks and digits are engaged first; the semantic hierarchy is engaged from the root down.
        """
    static let modes = ["attentive", "active", "vector"]
    let requiredExperiments = ["task-engagement", "category-engagement-semantic", "class-proportion"]

    func task(_ mode: String) -> SeededRuns { .make("task-engagement", ["mode": mode]) }
    let semantic = SeededRuns.make("category-engagement-semantic", [:])
    /// (h, i) and (l, m) share one optimisation, as in the paper: class-proportion optimises phi_c(t) as
    /// category-engagement does (the same parameters in the paper preset; quick uses Adam so phi moves
    /// in 60 iterations) and writes the same loss and phi columns.
    let proportion = SeededRuns.make("class-proportion", [:])

    func runs(_ c: PlanContext) -> [RunRequest] {
        Self.modes.flatMap { task($0).requests(c) } + semantic.requests(c) + proportion.requests(c)
    }

    func parameterNotes(_ c: PlanContext) -> [String] {
        Self.modes.map { task($0).note(c) } + [semantic.note(c), proportion.note(c)]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let fig = Style.figure(rows: 2, cols: 6, title: "Figure 4: " + title)
        fig.panelLetters = false  // the caption skips (g)
        for (k, mode) in Self.modes.enumerated() {
            let records = try inputs.runs(task(mode).requests(c))
            let loss = fig[0, 2 * k], psi = fig[0, 2 * k + 1]
            try Style.baselineVsControl(loss, records, column: "loss", yLabel: "Loss L(t)")
            loss.title = "(\(letter(2 * k))) \(mode.capitalized): loss"
            let tasks = (records[0].json["tasks"] as? [String]) ?? []
            let columns = records[0].columns(prefix: "psi_", suffix: "_control").map(\.name)
            for (j, name) in columns.enumerated() {
                Style.meanBand(psi, try records.map { try $0.column(name) },
                               label: j < tasks.count ? "(\(tasks[j]))" : name, color: Color.C(j))
            }
            psi.xLabel = Style.taskTime
            psi.yLabel = "Engagement ψ_{τ}(t)"
            psi.title = "(\(letter(2 * k + 1))) \(mode.capitalized): engagement"
        }
        let mnistRuns = try inputs.runs(proportion.requests(c)), semanticRuns = try inputs.runs(semantic.requests(c))
        try EngagementPanels.improvement(fig[1, 0], mnistRuns)
        fig[1, 0].title = "(h) MNIST: loss improvement"
        try EngagementPanels.coefficients(fig[1, 1], mnistRuns, prefix: "phi_", yLabel: "φ_{c}(t)")
        fig[1, 1].title = "(i) MNIST: category engagement"
        try EngagementPanels.improvement(fig[1, 2], semanticRuns)
        fig[1, 2].title = "(j) Semantic: loss improvement"
        try EngagementPanels.coefficients(fig[1, 3], semanticRuns, prefix: "phi_", yLabel: "φ_{c}(t)")
        fig[1, 3].title = "(k) Semantic: category engagement"

        // (l, m): the SGD replay of the paper (the plain network trained on batches drawn with the
        // class proportions), mean ±1 std as the authors' class_prop_plot; phi = 1 is uniform.
        let curves = fig[1, 4]
        for (name, suffix, label, color) in [("sgd_balanced", "_baseline", "Uniform", Style.baseline),
                                             ("sgd_balanced", "_control", "Balanced", Style.control),
                                             ("sgd_curriculum", "_control", "Curriculum", Color.C(1))] {
            try Style.sgdBand(curves, mnistRuns, name, suffix: suffix, label: label, color: color, widths: 1)
        }
        curves.xLabel = Style.taskTime
        curves.yLabel = "Loss L(t)"
        curves.title = "(l) Class proportions (SGD)"
        let perClass = fig[1, 5]
        let classes = mnistRuns[0].columns(prefix: "sgd_class_loss_", suffix: "_mean_control")
            .map { String($0.name.dropFirst("sgd_class_loss_".count).dropLast("_mean_control".count)) }
        for (k, digit) in classes.enumerated() {
            try Style.sgdBand(perClass, mnistRuns, "sgd_class_loss_" + digit, suffix: "_control", label: digit,
                              color: Color.C(k), widths: 1, bandAlpha: 0.15, width: 1.5)
            try Style.sgdBand(perClass, mnistRuns, "sgd_class_loss_" + digit, suffix: "_baseline", label: nil,
                              color: Color.C(k), widths: 1, bandAlpha: 0.08, width: 1.5, style: .dashed)
        }
        perClass.xLabel = Style.taskTime
        perClass.yLabel = "Loss per class"
        perClass.title = "(m) Per class (dashed: uniform)"
        return fig
    }

    func letter(_ i: Int) -> Character { Character(UnicodeScalar(97 + i)!) }
}

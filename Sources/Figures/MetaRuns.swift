import Bilevel
import FigureKit
import Maml
import WorkbenchKit

/// The multi-step MAML sweep over the number of optimised steps K (Table 2: 1, 20, ..., 340),
/// shared by Figs. 3(a-b) and 7.
enum MamlRuns {
    static let experiment = MamlNames.maml
    /// The meta-objective the paper's MAML figures were made with: the authors' code kept the loss at
    /// the initialisation (i = 0) in V. With eq. 26's i = 1..K neither "a few steps beat K = 1" nor
    /// K = 1's plateau appears (Maml/NOTES.md has both objectives' numbers).
    static let objective = MamlObjective.withInitialLoss

    static func steps(_ c: PlanContext) -> [Int] {
        c.preset == .paper ? [1] + stride(from: 20, through: 340, by: 20).map { $0 } : [1, 20, 40, 80, 160, 240, 340]
    }

    static func sweep(_ c: PlanContext) -> Sweep {
        Sweep(parameter: MamlKeys.optimizedSteps, label: "optimised steps K", values: steps(c).map(Double.init), logColors: false)
    }

    static func requests(_ c: PlanContext) -> [RunRequest] {
        sweep(c).requests(RunRequest(experiment, preset: c.preset, [.set(MamlKeys.objective, objective)]))
    }

    static func note(_ c: PlanContext) -> String {
        "\(experiment) `\(c.preset.rawValue)` preset (Table 2), objective \(objective.rawValue) (V sums i = \(objective == .withInitialLoss ? 0 : 1)..K), "
            + "K = \(steps(c).map(String.init).joined(separator: ", ")); "
            + "the five MNIST pairs' statistics come from the training split, the evaluation repeated on the test split"
    }
}

/// The learning-rate sweeps of App. F.2 (Table 3): γ in linspace(0.6, 1) and β in
/// linspace(1e-3, 2), each with cost offset 0 and -1; shared by Figs. 3(c-d) and 8.
enum LearningRateRuns {
    static let experiment = BilevelNames.learningRate

    static func count(_ c: PlanContext) -> Int { c.preset == .paper ? 10 : 5 }

    static func gamma(_ c: PlanContext) -> Sweep {
        Sweep(parameter: .gamma, label: "γ", values: Sweep.linspace(0.6, 1, count(c)), logColors: false)
    }

    static func beta(_ c: PlanContext) -> Sweep {
        Sweep(parameter: .beta, label: "β", values: Sweep.linspace(1e-3, 2, count(c)), logColors: false)
    }

    static func base(_ c: PlanContext, offset: Int) -> RunRequest {
        // quick: alpha = 0.04 so the 1500 steps cover t = 60 (the paper's 18000 x 0.005 = 90); at the
        // preset's 0.008 (t = 12) learning never pays for itself with offset -1 and (c, d, g, h) are flat.
        var settings: [PresetSetting] = [.set(BilevelKeys.offset, Double(offset))]
        // The paper's Fig. 8 runs started at rho = 0 for both offsets (reference notes: its sweeps were made
        // with init 0). From rho = -1 (rate 0) the small initial weights make dV/drho ~1e-10, below Adam's
        // epsilon, and nothing is ever learned. Offset 0 keeps its own key: init "offset" is 0 there.
        if offset != 0 { settings.append(.set(BilevelKeys.initialRho, .zero)) }
        // With offset -1, late steps of a strongly discounted V have gradients (gamma^t dt) below Adam's
        // usual epsilon and never moved: their rate stayed at the start alpha, so at small gamma the late
        // rate exceeded larger gammas' and the sweep was non-monotone. A negligible epsilon makes Adam's
        // steps scale-free there. Offset 0 keeps its runs (its start, rho = 0, is the late optimum anyway).
        if offset != 0 { settings.append(.set(BilevelKeys.adamEpsilon, 1e-300)) }
        if c.preset == .quick { settings.append(.set(.learningRate, 0.04)) }
        return RunRequest(experiment, preset: c.preset, settings)
    }

    static func note(_ c: PlanContext) -> String {
        "\(experiment) `\(c.preset.rawValue)` preset (Table 3: defaults γ = 1, β = 1), \(count(c)) values of "
            + "γ in linspace(0.6, 1) and of β in linspace(1e-3, 2), the other parameter at its default; "
            + "ρ starts at 0 for both offsets, as the paper's sweeps did (init=zero); offset -1 runs use Adam ε = 1e-300 "
            + "(scale-free steps where γ^t dt is below torch's 1e-8)"
            + (c.preset == .quick ? "; quick runs use α = 0.04 (t = 60 in 1500 steps)" : "")
    }
}

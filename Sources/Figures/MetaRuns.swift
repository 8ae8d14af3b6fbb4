import Bilevel
import FigureKit
import Maml
import Render
import WorkbenchKit

/// The multi-step MAML sweep over the number of optimized steps K (Table 2: 1, 20, ..., 340),
/// shared by Figs. 3(a-b), 6 and 7: eq. 26's objective over seeds (the figures draw their mean and
/// ±2 std), and the authors' objective for one seed beside it.
enum MamlRuns {
    static let experiment = MamlNames.maml
    /// The meta-objective as the paper prints it (eq. 26: V sums the losses after the updates,
    /// i = 1..K), which the figures' findings are judged on.
    static let objective = MamlObjective.afterUpdates
    /// The authors' code kept the loss at the initialization (i = 0) in V; the paper's MAML figures
    /// were made with it. Drawn for one seed beside eq. 26's mean, so the figures show which
    /// objective gives which shape (Maml/NOTES.md has both objectives' numbers).
    static let authorsObjective = MamlObjective.withInitialLoss

    static func steps(_ c: PlanContext) -> [Int] {
        c.preset == .paper ? [1] + stride(from: 20, through: 340, by: 20).map { $0 } : [1, 20, 40, 80, 160, 240, 340]
    }

    /// The authors' 10 replicates on the paper preset; 3 on quick, to keep it quick.
    static func seeds(_ c: PlanContext) -> Int { c.preset == .paper ? 10 : 3 }

    static func sweep(_ c: PlanContext) -> Sweep {
        Sweep(parameter: MamlKeys.optimizedSteps, label: "optimized steps K", values: steps(c).map(Double.init), logColors: false)
    }

    /// Eq. 26's runs, per seed and then per K.
    static func seeded(_ c: PlanContext) -> [[RunRequest]] {
        let base = RunRequest(experiment, preset: c.preset, [.set(MamlKeys.objective, objective)])
        return (0..<seeds(c)).map { seed in sweep(c).requests(base.seed(UInt64(seed))) }
    }

    /// The authors' objective's runs (seed 0), per K.
    static func authors(_ c: PlanContext) -> [RunRequest] {
        sweep(c).requests(RunRequest(experiment, preset: c.preset, [.set(MamlKeys.objective, authorsObjective)]))
    }

    static func requests(_ c: PlanContext) -> [RunRequest] { seeded(c).flatMap { $0 } + authors(c) }

    static func note(_ c: PlanContext) -> String {
        "\(experiment) `\(c.preset.rawValue)` preset (Table 2), objective \(objective.rawValue) (eq. 26: V sums i = 1..K) over "
            + "seeds 0-\(seeds(c) - 1) (mean and ±2 std; the authors used 10 replicates\(c.preset == .paper ? "" : ", the quick preset 3")), "
            + "and \(authorsObjective.rawValue) (the authors' code: V sums i = 0..K) for seed 0, "
            + "K = \(steps(c).map(String.init).joined(separator: ", ")); "
            + "the five MNIST pairs' statistics come from the training split, the evaluation repeated on the test split"
    }

    /// Per K, the mean and std over the seeds of one number each run gives.
    static func meanStd(_ records: [[RunRecord]], _ value: (RunRecord) throws -> Double) throws -> (mean: [Double], std: [Double]) {
        let perSeed = try records.map { try $0.map(value) }
        return Style.meanStd(perSeed)
    }

    /// One number per K drawn as eq. 26's mean over the seeds (blue, circles) with a ±2 std band.
    static func drawMean(_ ax: Axes, _ ks: [Double], _ records: [[RunRecord]], label: String,
                         _ value: (RunRecord) throws -> Double) throws {
        let (mean, std) = try meanStd(records, value)
        if records.count > 1 {
            ax.band(ks, lower: zip(mean, std).map { $0 - 2 * $1 }, upper: zip(mean, std).map { $0 + 2 * $1 },
                    color: Style.control, alpha: 0.2)
        }
        ax.line(ks, mean, label: label, color: Style.control, marker: .circle)
    }

    /// The same number from the authors' objective's runs (one seed), gray and dashed beside it.
    static func drawAuthors(_ ax: Axes, _ ks: [Double], _ records: [RunRecord], label: String,
                            _ value: (RunRecord) throws -> Double) throws {
        ax.line(ks, try records.map(value), label: label, color: .gray, width: 1.5, style: .dashed, marker: .square, markerSize: 4)
    }

    /// Per K, the mean over the seeds of one series each run gives, element by element, to the
    /// shortest run's length.
    static func meanSeries(_ records: [[RunRecord]], _ series: (RunRecord) throws -> [Double]) throws -> [[Double]] {
        let kCount = records.first?.count ?? 0
        return try (0..<kCount).map { k in Style.meanStd(try records.map { try series($0[k]) }).mean }
    }

    /// Per K, the mean over the seeds of -V through the control iterations. An optimizer that
    /// stopped early (converged) keeps its last value for the iterations it did not take.
    static func meanObjective(_ records: [[RunRecord]]) -> [[Double]] {
        let kCount = records.first?.count ?? 0
        return (0..<kCount).map { k in
            let runs = records.map { $0[k].valueHistory.map { -$0 } }
            let n = runs.map(\.count).max() ?? 0
            return Style.meanStd(runs.map { $0 + Array(repeating: $0.last ?? .nan, count: n - $0.count) }).mean
        }
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

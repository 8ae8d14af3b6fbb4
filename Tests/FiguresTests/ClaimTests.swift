import Bilevel
import Engagement
@testable import FigureKit
@testable import Figures
import Foundation
import GainModulation
import LearningRule
import Maml
import PluginList
import Render
import TaskSwitch
import WeightDecay
import WorkbenchKit
import XCTest
import TestSupport

/// The figures' claim checks: how a verdict is reached, and what the quick preset measures.
final class ClaimTests: XCTestCase {
    func numbers() -> FigureNumbers {
        let figure = Figure(rows: 1, cols: 2)
        figure[0, 0].line([0, 1, 2], [3, 2, 1], label: "Control")
        figure[0, 1].lines([0, 1], [[1, 2], [3, 4]], parameters: [0.5, 0.25], name: "sweep")
        return FigureNumbers(figure)
    }

    func testNumbersAreTheDataCSVColumns() throws {
        let n = numbers()
        XCTAssertEqual(try n.column("a_control_y"), [3, 2, 1])
        let family = try n.family("b_sweep")
        XCTAssertEqual(family.map(\.parameter), [0.25, 0.5])
        XCTAssertEqual(family.map(\.values), [[3, 4], [1, 2]])
        XCTAssertThrowsError(try n.column("a_baseline_y"))
    }

    /// A written data CSV reads back as the drawing's numbers: the tests check figures after the fact.
    func testNumbersReadBackFromTheWrittenCSV() throws {
        let figure = Figure(rows: 1, cols: 2)
        figure[0, 0].line([0, 1, 2, 3], [3, 2, 1, 0.5], label: "Control")
        figure[0, 0].scatter([1], [2], pointLabels: ["SGD"], label: "named")
        figure[0, 1].lines([0, 1], [[1, 2], [3, 4]], parameters: [0.5, 0.25], name: "sweep")
        let path = NSTemporaryDirectory() + "claims-csv-\(UUID().uuidString).csv"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        try figure.dataCSV().write(toFile: path, atomically: true, encoding: .utf8)
        let drawn = FigureNumbers(figure), read = try FigureNumbers(csv: path)
        XCTAssertEqual(read.names, drawn.names)
        for name in drawn.names where name != "a_named_label" {
            XCTAssertEqual(try read.column(name), try drawn.column(name), name)
        }
        XCTAssertEqual(try read.family("b_sweep").map(\.values), [[3, 4], [1, 2]])
    }

    /// Ties are forgiven only between neighbors both marked tied (runs at the same bound), and
    /// only within the tolerance; anywhere else the order stays strict.
    func testIncreasingExceptTiedNeighbors() {
        let v = [2.87e-7, 2.86e-7, 2.9e-7, 1e-3, 2e-3]
        XCTAssertFalse(Measure.increasing(v))
        XCTAssertTrue(Measure.increasing(v, tiedWhere: [true, true, true, false, false], tieTolerance: 1e-8))
        XCTAssertFalse(Measure.increasing(v, tiedWhere: [true, true, true, false, false], tieTolerance: 1e-10), "a tie reversed beyond the tolerance")
        XCTAssertFalse(Measure.increasing(v, tiedWhere: [true, false, true, false, false], tieTolerance: 1e-8))
        XCTAssertFalse(Measure.increasing([1e-3, 5e-4, 0, 0], tiedWhere: [false, false, true, true], tieTolerance: 1e-8))
        XCTAssertTrue(Measure.increasing([0, 0, 5e-4, 1e-3], tiedWhere: [true, true, false, false], tieTolerance: 0))
        XCTAssertFalse(Measure.increasing([0, 1], tiedWhere: [true], tieTolerance: 1), "lengths differ")
    }

    /// R8: a sweep where fewer than half the runs learn orders too few points to pass, however
    /// well ordered they are, and says how many it tested.
    func testSweepWithTooFewLearningRunsIsNoPass() {
        let rates = [6e-5, 6e-5, 6.1e-5, 9e-3, 1.3e-2]
        let few = Rule.monotone(rates, increasing: true, idle: [true, true, true, false, false], tieTolerance: 1e-5,
                                quantity: "mean α", parameter: "γ")
        XCTAssertFalse(few.passed)
        XCTAssertTrue(few.measured.contains("2 of 5 points tested strictly") && few.measured.contains("degenerate"), few.measured)
        let enough = Rule.monotone(rates, increasing: true, idle: [true, true, false, false, false], tieTolerance: 1e-5,
                                   quantity: "mean α", parameter: "γ")
        XCTAssertTrue(enough.passed, enough.measured)
        XCTAssertFalse(Rule.monotone([3, 2, 2.5], increasing: false, quantity: "Σg", parameter: "β").passed)
    }

    func testVerdicts() {
        let n = numbers()
        let holds = Claim("falls", citation: "Sec. 1") { n in ClaimOutcome(Measure.decreasing(try n.column("a_control_y")), "3, 2, 1") }
        let fails = Claim("rises", citation: "Sec. 1", oneSeed: true) { n in ClaimOutcome(Measure.increasing(try n.column("a_control_y")), "3, 2, 1") }
        let missing = Claim("baseline", citation: "Sec. 1") { n in ClaimOutcome(true, "\(try n.column("a_baseline_y"))") }
        let paper = Claim("needs the paper's horizon", citation: "Sec. 1", paperOnly: "quick horizon too short", oneSeed: true) { _ in ClaimOutcome(false, "") }
        XCTAssertEqual(ClaimResult.evaluate(holds, on: n, preset: .quick).verdict, .pass)
        let failed = ClaimResult.evaluate(fails, on: n, preset: .quick)
        XCTAssertEqual(failed.verdict, .fail)
        XCTAssertEqual(failed.measured, "3, 2, 1; one seed")
        XCTAssertEqual(failed.citation, "Sec. 1")
        let cannot = ClaimResult.evaluate(missing, on: n, preset: .quick)
        XCTAssertEqual(cannot.verdict, .fail)
        XCTAssertTrue(cannot.measured.contains("no column 'a_baseline_y'"), cannot.measured)
        let unchecked = ClaimResult.evaluate(paper, on: n, preset: .quick)
        XCTAssertEqual(unchecked.verdict, .paperOnly)
        XCTAssertFalse(unchecked.measured.contains("one seed"), "nothing was computed")
        XCTAssertEqual(ClaimResult.evaluate(paper, on: n, preset: .paper).verdict, .fail)
    }

    func testSpearman() {
        XCTAssertEqual(Measure.spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1, accuracy: 1e-12)
        XCTAssertEqual(Measure.spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1, accuracy: 1e-12)
        XCTAssertEqual(Measure.spearman([1, 1, 2], [1, 1, 2]), 1, accuracy: 1e-12)
    }

    /// The shared rules on curves whose answer is known.
    func testRulesOnKnownCurves() {
        // Control below the baseline for 3 steps, then above: one crossing, a gain after it.
        XCTAssertTrue(Rule.costThenGain(control: [0, 1, 2, 4, 5, 6], baseline: [1, 2, 3, 3, 4, 5]).passed)
        XCTAssertFalse(Rule.costThenGain(control: [0, 1, 2, 4, 3, 6], baseline: [1, 2, 3, 3, 4, 5]).passed, "dips again after crossing")
        XCTAssertFalse(Rule.costThenGain(control: [2, 3], baseline: [1, 2]).passed, "no early cost")
        // R1: sooner and lower in sum; a curve that ends lower but gets there later is not faster.
        XCTAssertTrue(Rule.learnsFaster(baseline: [1, 0.9, 0.5, 0.1, 0], control: [1, 0.3, 0.05, 0, 0]).passed)
        XCTAssertFalse(Rule.learnsFaster(baseline: [1, 0.05, 0, 0, 0], control: [1, 0.9, 0.5, 0.1, -0.1]).passed)
        // R2: one step 2% of the peak below zero fails.
        XCTAssertTrue(Rule.improves([0, 1, 2, -0.01, 1]).passed)
        XCTAssertFalse(Rule.improves([0, 1, 2, -0.04, 1]).passed)
        // R5: early and decaying to zero; early but left at a plateau fails.
        XCTAssertTrue(Rule.earlyThenDecays((0..<100).map { exp(-Double($0) / 5) }).passed)
        XCTAssertFalse(Rule.earlyThenDecays((0..<100).map { exp(-Double($0) / 5) + 0.1 }).passed)
        // R12: rising to half the peak before each switch, or only at it.
        var g = [Double](repeating: 0.1, count: 300)
        for s in [100, 200] { for t in s - 10..<s { g[t] = 0.6 }; g[s] = 1 }
        XCTAssertTrue(Rule.startsBeforeSwitches(g, switches: [100, 200]).passed)
        for s in [100, 200] { for t in s - 10..<s { g[t] = 0.3 } }
        let late = Rule.startsBeforeSwitches(g, switches: [100, 200])
        XCTAssertFalse(late.passed)
        XCTAssertTrue(late.measured.contains("s 100: onset 100, peak 100, rise into s 3x"), late.measured)
    }

    func testEngagementAndLearningMeasures() {
        // Above the neutral value 1 only over steps 0-1 (early) or 8-9 (late).
        let early = [2, 2, 1, 1, 1, 1, 1, 1, 1, 1.0], late = Array(early.reversed())
        XCTAssertLessThan(Measure.engagementCenter(early, neutral: 1), Measure.engagementCenter(late, neutral: 1))
        XCTAssertTrue(Measure.engagementCenter([1, 0.5, 1], neutral: 1).isNaN)
        XCTAssertEqual(Measure.sustainedShare([1, 2, 1.6, 1.2, 1], neutral: 1), 0.4, accuracy: 1e-12)
        // Two separated drops of the loss are two learning steps; one smooth drop is one.
        let steps = (0..<400).map { t -> Double in 2 - 1 / (1 + exp(-Double(t - 100) / 5)) - 1 / (1 + exp(-Double(t - 300) / 5)) }
        XCTAssertEqual(Measure.learningSteps(steps).count, 2)
        XCTAssertEqual(Measure.learningSteps((0..<400).map { exp(-Double($0) / 50) }).count, 1)
        XCTAssertEqual(Measure.recoverySteps([0, 0, 2, 1, 0.5, 0, 2, 0.5, 0.2, 0], switches: [2, 6]), [1, 1])
        let fit = Measure.lineFit([0, 1, 2, 3], [1, -1, -3, -5])
        XCTAssertEqual(fit.slope, -2, accuracy: 1e-12)
        XCTAssertEqual(fit.r2, 1, accuracy: 1e-12)
    }
}

/// `workbench figures --preset quick --procedure both`, made once per test process and shared by
/// the tests below; each procedure's data CSVs are read back right after it.
enum QuickFigures {
    struct Call {
        let report: FiguresReport
        /// Per procedure, each drawn figure's numbers as its data CSV holds them.
        let numbers: [Procedure: [String: FigureNumbers]]
        let index: String
        let lines: [String]
    }

    /// The CLI's plugin list: every plugin's experiments, and its figures after the paper's.
    static let plugins = Plugins.all

    static let made: Result<Call, Error> = Result {
        let mnist = try bundledMNISTDirectory()
        let out = NSTemporaryDirectory() + "claims-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        var lines: [String] = []
        var options = FiguresOptions(preset: .quick, only: nil, outDirectory: out, mnistDirectory: mnist, jobs: 2, log: { lines.append($0) })
        options.procedures = Procedure.allCases
        let report = try regenerateFigures(registry: Registry(plugins.map { $0.experiments }), figures: try FigureSet.paper(with: plugins),
                                           options: options)
        var numbers: [Procedure: [String: FigureNumbers]] = [:]
        for made in report.made {
            for drawing in made.drawings {
                let csv = (out as NSString).appendingPathComponent("\(drawing.procedure.fileStem(made.id))_data.csv")
                numbers[drawing.procedure, default: [:]][made.id] = try FigureNumbers(csv: csv)
            }
        }
        return Call(report: report, numbers: numbers, index: try String(contentsOfFile: out + "/index.md", encoding: .utf8), lines: lines)
    }
}

/// Every claim's verdicts and status on the quick preset, pinned, and the method checks that are
/// properties of the workbench's procedures rather than findings of the paper.
final class QuickClaimTests: XCTestCase {
    typealias Verdict = ClaimResult.Verdict

    /// Figure, the start of a claim's statement (unique within its figure), its verdict on the quick
    /// preset under the paper's procedure and at the optimum, and its status. A failing claim is a
    /// result (docs/findings.md gives its numbers); a verdict or status that changes fails this test.
    static let pinned: [(figure: String, prefix: String, paper: Verdict, optimum: Verdict, status: ClaimStatus)] = [
        ("fig2", "(a) “invests more control", paper: .pass, optimum: .pass, .holds),
        ("fig2", "(b) “with the result of", paper: .pass, optimum: .pass, .holds),
        ("fig2", "(c) “Optimal control signal", paper: .pass, optimum: .pass, .holds),
        ("fig2", "(e) “increasing the discount", paper: .pass, optimum: .fail, .paperProcedureOnly),
        ("fig2", "(g) “Increasing the intrinsic", paper: .pass, optimum: .pass, .holds),
        ("fig3", "(a) “V_MAML decreases when", paper: .pass, optimum: .fail, .notConverged),
        ("fig3", "(b) “one-step MAML can substantially", paper: .pass, optimum: .pass, .notConverged),
        ("fig3", "(c) “longer time horizons", paper: .pass, optimum: .pass, .notConverged),
        ("fig3", "(d) “less cost of increasing", paper: .pass, optimum: .pass, .notConverged),
        ("fig4", "(a, b) attentive engagement:", paper: .pass, optimum: .pass, .notConverged),
        ("fig4", "(b) attentive engagement:", paper: .pass, optimum: .pass, .notConverged),
        ("fig4", "(b, d, f) “The order of", paper: .fail, optimum: .pass, .notConverged),
        ("fig4", "(c) active engagement: “the", paper: .fail, optimum: .fail, .notReproduced),
        ("fig4", "(d) active engagement: “None", paper: .pass, optimum: .fail, .notConverged),
        ("fig4", "(h, j) “Fig. 4h and 4j show", paper: .fail, optimum: .fail, .notReproduced),
        ("fig4", "(i) the order of assimilation", paper: .pass, optimum: .fail, .notConverged),
        ("fig4", "(i) “allocating higher φ_c(t)", paper: .pass, optimum: .pass, .notConverged),
        ("fig4", "(i) “More difficult categories", paper: .fail, optimum: .fail, .notReproduced),
        ("fig4", "(k) “Higher coefficients", paper: .pass, optimum: .fail, .notConverged),
        ("fig4", "(l) “This gives a better", paper: .pass, optimum: .pass, .notConverged),
        ("fig5", "(a) “reduces the instant", paper: .pass, optimum: .pass, .notConverged),
        ("fig5", "(b) “a more sparse solution", paper: .pass, optimum: .pass, .notConverged),
        ("fig5", "(c) “it also learns faster”:", paper: .pass, optimum: .pass, .notConverged),
        ("fig5", "(d) “the control signal", paper: .fail, optimum: .pass, .notConverged),
        ("fig5", "(d) “and near the stages", paper: .pass, optimum: .pass, .notConverged),
        ("fig5", "(d) “The control signal", paper: .pass, optimum: .pass, .notConverged),
        ("fig5", "(e) “the baseline loss L_B(t)", paper: .pass, optimum: .pass, .notConverged),
        ("fig5", "(f) “After each switch,", paper: .pass, optimum: .pass, .notConverged),
        ("fig5", "(g) “The control signal", paper: .fail, optimum: .fail, .notReproduced),
        ("fig5", "(e) “to speed up the approach", paper: .pass, optimum: .pass, .notConverged),
        ("fig6", "(l) “V_MAML decreases when", paper: .pass, optimum: .fail, .notConverged),
        ("fig6", "(f) “The more steps are", paper: .fail, optimum: .fail, .notReproduced),
        ("fig7", "(a) “considering more time-steps", paper: .pass, optimum: .fail, .notConverged),
        ("fig7", "(a) “evaluated on training", paper: .pass, optimum: .fail, .notConverged),
        ("fig7", "(c) “optimizing one step", paper: .pass, optimum: .fail, .notConverged),
        ("fig8", "(a) “More control is allocated", paper: .pass, optimum: .pass, .notConverged),
        ("fig8", "(c) “More control is allocated", paper: .pass, optimum: .fail, .notConverged),
        ("fig8", "(e) “more control is used", paper: .pass, optimum: .pass, .notConverged),
        ("fig8", "(g) “more control is used", paper: .pass, optimum: .pass, .notConverged),
        ("fig8", "(h) “A higher cost of control", paper: .fail, optimum: .fail, .notReproduced),
        ("fig9", "(a) “Figure 9a shows the", paper: .pass, optimum: .pass, .holds),
        ("fig9", "(c) “a mix between contrastive", paper: .pass, optimum: .pass, .holds),
        ("fig10", "(a) “Increasing β leads", paper: .pass, optimum: .pass, .holds),
        ("fig10", "(b) “Increasing λ leads", paper: .fail, optimum: .fail, .notReproduced),
        ("fig10", "(b) “but the control is", paper: .pass, optimum: .pass, .holds),
        ("fig10", "(c, f) “this parameter [T]", paper: .fail, optimum: .fail, .notReproduced),
        ("fig11", "(b) “in all cases the learning", paper: .pass, optimum: .pass, .holds),
        ("fig11", "(c) “the set of weights", paper: .pass, optimum: .pass, .holds),
        ("fig11", "(d) “Most of the control", paper: .pass, optimum: .pass, .holds),
        ("fig11", "(d) “with peaks around times", paper: .pass, optimum: .pass, .holds),
        ("fig12", "(b, d) “the control signal", paper: .fail, optimum: .fail, .notReproduced),
        ("fig12", "(b) “in all cases the learning", paper: .pass, optimum: .pass, .holds),
        ("fig12", "(c) “the set of weights", paper: .pass, optimum: .pass, .holds),
        ("fig12", "(d) “Most of the control", paper: .fail, optimum: .fail, .notReproduced),
        ("fig12", "(d) “with peaks around times", paper: .pass, optimum: .pass, .holds),
        ("fig12", "(d) “the control signal", paper: .fail, optimum: .fail, .notReproduced),
        ("fig13", "(a, b) “There is a cluster", paper: .pass, optimum: .pass, .holds),
        ("fig13", "(c, d) “Most of the control", paper: .pass, optimum: .pass, .holds),
        ("fig14", "(a, b) “There is a cluster", paper: .pass, optimum: .pass, .holds),
        ("fig14", "(c, d) “Most of the control", paper: .fail, optimum: .fail, .notReproduced),
        ("fig15", "(a, b) “There is a cluster", paper: .pass, optimum: .pass, .holds),
        ("fig15", "(c, d) “Most of the control", paper: .fail, optimum: .pass, .optimumOnly),
        ("fig16", "(b) “the baseline loss L_B(t)", paper: .pass, optimum: .pass, .notConverged),
        ("fig16", "(d) “The control signal", paper: .fail, optimum: .fail, .notReproduced),
        ("fig16", "(c) “the weight norm for", paper: .pass, optimum: .pass, .notConverged),
        ("fig16", "(c) “the sparsity of the", paper: .pass, optimum: .pass, .notConverged),
        ("fig17", "(a, b) “the weights when", paper: .pass, optimum: .pass, .holds),
        ("fig17", "(c, d) “The gain modulation", paper: .fail, optimum: .fail, .notReproduced),
        ("fig18", "(a) “(0, 1), (7, 1) and", paper: .pass, optimum: .pass, .holds),
        ("fig18", "(b) “the order from easier", paper: .pass, optimum: .pass, .holds),
        ("fig19", "(a, b) “Improvement in the", paper: .pass, optimum: .pass, .holds),
        ("fig19", "(c) “The results are similar", paper: .paperOnly, optimum: .paperOnly, .paperPresetOnly),
        ("fig19", "(d) semantic, “similar in", paper: .pass, optimum: .pass, .holds),
        ("fig20", "(a) “The obtained control", paper: .pass, optimum: .pass, .holds),
        ("fig20", "(b) “The obtained control", paper: .pass, optimum: .pass, .holds),
        ("fig20", "(i, j) “most of the control", paper: .pass, optimum: .pass, .holds),
        ("fig21", "(a) “the control signal", paper: .fail, optimum: .fail, .notReproduced),
        ("fig21", "(b) “Attributes higher in", paper: .pass, optimum: .pass, .notConverged),
        ("fig21", "(b) “Harder attributes are", paper: .pass, optimum: .pass, .notConverged),
        ("learning-rule-coefficients", "(a) the optimized rule stays", paper: .pass, optimum: .pass, .holds),
        ("learning-rule-coefficients", "(b) the optimized rule grows", paper: .pass, optimum: .pass, .holds),
        ("weight-decay-schedule", "(b) gradient descent overfits:", paper: .pass, optimum: .pass, .holds),
        ("weight-decay-schedule", "(b) the optimized decay", paper: .pass, optimum: .pass, .holds),
        ("weight-decay-schedule", "(a) the decay settles within", paper: .pass, optimum: .pass, .holds),
        ("weight-decay-schedule", "(c) the decay fits the training", paper: .pass, optimum: .pass, .holds),
    ]

    func made() throws -> QuickFigures.Call { try QuickFigures.made.get() }

    func testEveryFigureIsDrawnUnderBothProceduresAndDeclaresClaims() throws {
        let call = try made()
        let figures = try FigureSet.paper(with: QuickFigures.plugins)
        XCTAssertTrue(call.report.succeeded, "\(call.report.failed) \(call.report.skipped)")
        XCTAssertEqual(call.report.made.map(\.id), figures.figures.map(\.id))
        for made in call.report.made {
            XCTAssertEqual(made.drawings.map(\.procedure), [.paper, .optimum], made.id)
            XCTAssertFalse(made.verdicts.isEmpty, "\(made.id) declares no claims")
            XCTAssertTrue(made.verdicts.allSatisfy { $0.status != nil }, made.id)
        }
    }

    /// The verdict table: every claim drawn has exactly one entry and every entry one claim.
    func testQuickVerdictsAndStatusesArePinned() throws {
        let call = try made()
        var used = Set<Int>()
        var changed: [String] = []
        for made in call.report.made {
            for claim in made.verdicts {
                let matches = Self.pinned.indices.filter { Self.pinned[$0].figure == made.id && claim.statement.hasPrefix(Self.pinned[$0].prefix) }
                guard matches.count == 1, let k = matches.first else {
                    XCTFail("\(made.id): \(matches.count) table entries for “\(claim.statement)”")
                    continue
                }
                used.insert(k)
                let pin = Self.pinned[k]
                let now = (claim.paper?.verdict, claim.optimum?.verdict, claim.status)
                if now.0 != pin.paper || now.1 != pin.optimum || now.2 != pin.status {
                    changed.append("\(made.id) \(pin.prefix): \(pin.paper.rawValue)/\(pin.optimum.rawValue)/\(pin.status.rawValue) -> "
                        + "\(now.0?.rawValue ?? "-")/\(now.1?.rawValue ?? "-")/\(now.2?.rawValue ?? "-"): "
                        + "paper: \(claim.paper?.measured ?? "-"); optimum: \(claim.optimum?.measured ?? "-")")
                }
            }
        }
        XCTAssertEqual(changed, [], "verdicts changed on the quick preset")
        let stale = Self.pinned.indices.filter { !used.contains($0) }.map { "\(Self.pinned[$0].figure) \(Self.pinned[$0].prefix)" }
        XCTAssertEqual(stale, [], "table entries matching no claim")
        let failing = call.report.made.flatMap { made in made.verdicts.filter { $0.paper?.verdict == .fail || $0.optimum?.verdict == .fail } }
        XCTAssertEqual(call.lines.filter { $0.contains("claim FAILED") }.count, failing.count)
        // The summary line counts the statuses as the table does.
        let summary = try XCTUnwrap(call.lines.first { $0.hasPrefix("claims: ") })
        for status in ClaimStatus.allCases {
            XCTAssertTrue(summary.contains("\(Self.pinned.filter { $0.status == status }.count) \(status.rawValue)"), summary)
        }
    }

    /// Paper figures' claims are the paper's words with where it says them; the plugins' own say
    /// they are the workbench's; index.md shows the citation next to each statement.
    func testClaimsCiteTheirSource() throws {
        let call = try made()
        for made in call.report.made {
            let ownFigure = FigureSet.paperNumber(made.id) == nil
            for claim in made.verdicts {
                if ownFigure {
                    XCTAssertEqual(claim.citation, Claim.workbench, "\(made.id): \(claim.statement)")
                } else {
                    XCTAssertNotEqual(claim.citation, Claim.workbench, "\(made.id): \(claim.statement)")
                    XCTAssertTrue(claim.statement.contains("“"), "\(made.id): not in the paper's words: \(claim.statement)")
                    XCTAssertTrue(["Sec.", "Fig.", "App."].contains { claim.citation.hasPrefix($0) }, "\(made.id): \(claim.citation)")
                }
            }
        }
        XCTAssertTrue(call.index.contains("- **holds only under the paper's procedure** (paper's procedure PASS, optimum FAIL) (e) “increasing the discount factor γ leads to higher levels of control”: "
                                           + "the total control Σ_t g(t) grows strictly with γ (*Sec. 2.1; Fig. 2 caption*): paper's procedure: Σg over γ ascending: "),
                      "index.md does not show the citation next to the statement")
    }

    /// Method checks: properties of the workbench's procedures (an approximation against the SGD it
    /// stands for, a drawing window, the optimization improving on its start), not paper findings.
    func testMethodChecks() throws {
        let call = try made()
        for procedure in Procedure.allCases {
            func numbers(_ id: String) throws -> FigureNumbers { try XCTUnwrap(call.numbers[procedure]?[id], "\(procedure): \(id) not drawn") }
            // Every run's optimized control is worth at least its baseline's (V_C ≥ V_B).
            for made in call.report.made { XCTAssertEqual(made.drawing(procedure)?.controlBelowBaseline, [], "\(procedure) \(made.id)") }

            // Fig. 2 (b): the gradient-flow theory lies inside the SGD simulations' ±2 std band at 80% of the steps or more.
            let fig2 = try numbers("fig2")
            for role in Role.allCases {
                let theory = try fig2.y(SingleNeuronFigure.theory(role))
                let lower = try fig2.column(SingleNeuronFigure.sgd(role).lower), upper = try fig2.column(SingleNeuronFigure.sgd(role).upper)
                let inside = zip(theory, zip(lower, upper)).filter { $0.0 >= $0.1.0 && $0.0 <= $0.1.1 }.count
                XCTAssertGreaterThanOrEqual(Double(inside) / Double(theory.count), 0.8, "\(procedure) fig2 \(role)")
            }

            // Fig. 11: the window shown (first 15% of the run) holds all the learning: both losses
            // are within 0.1% of their final value after it.
            let fig11 = try numbers("fig11"), losses = Style.baselineVsControlLines(panel: "b")
            for line in [losses.baseline, losses.control] {
                let l = try fig11.y(line)
                XCTAssertLessThanOrEqual(Measure.settledFrom(l, tolerance: 0.001), Int(GainRuns.gaussianWindow * Double(l.count - 1)),
                                         "\(procedure) fig11 \(line.label)")
            }

            // Fig. 9 (b): the paper's ascent improves -V over its iterations.
            let objective = try numbers("fig9").y(LearningRuleFigure.objective)
            XCTAssertLessThan(objective.last!, objective.first!, "\(procedure) fig9")

            // Fig. 7 (a): every learned initialization beats the random one.
            let fig7 = try numbers("fig7")
            let random = try fig7.y(MamlOptimizationFigure.random)[0]
            XCTAssertTrue(try fig7.y(MamlOptimizationFigure.learned).allSatisfy { $0 < random }, "\(procedure) fig7")

            // Fig. 20 (c, d, g, h): early in training (small weights, tanh near linear) the approximated
            // weights track SGD's: at 10% of the run their mean gap is under 10% of the largest |W|,
            // and smaller than at the end, where the approximation drifts.
            let fig20 = try numbers("fig20")
            var early: [Double] = [], late: [Double] = [], scale = 0.0
            for panel in ["c", "d", "g", "h"] {
                for name in fig20.names(inPanel: panel) where name.hasSuffix(NonLinearFigure.approxEnd) {
                    let a = try fig20.column(name), s = try fig20.column(String(name.dropLast(NonLinearFigure.approxEnd.count)) + NonLinearFigure.sgdEnd)
                    early.append(abs(a[a.count / 10] - s[a.count / 10])); late.append(abs(a.last! - s.last!))
                    scale = max(scale, a.map(abs).max()!, s.map(abs).max()!)
                }
            }
            XCTAssertEqual(early.count, 32, "\(procedure) fig20 traced weights")
            XCTAssertLessThan(Measure.mean(early), 0.1 * scale, "\(procedure) fig20")
            XCTAssertLessThan(Measure.mean(early), Measure.mean(late), "\(procedure) fig20")

            // Fig. 21 (a): SGD on the real tanh network follows the approximated dynamics the control
            // was optimized on, within 5% of the loss drop at every step.
            let fig21 = try numbers("fig21")
            for role in Role.allCases {
                let lines = NonLinearEngagementFigure.approximation
                let a = try fig21.y(role == .baseline ? lines.baseline : lines.control), s = try fig21.y(NonLinearEngagementFigure.sgd(role))
                let gap = zip(a, s).map { abs($0 - $1) }.max()! / (a.first! - a.last!)
                XCTAssertLessThanOrEqual(gap, 0.05, "\(procedure) fig21 \(role)")
            }
        }
        // A converged optimum run ends within 1e-4 (relative) of the paper's procedure's V or above;
        // every figure with an optimizer compares its runs like for like.
        for made in call.report.made {
            let comparison = try XCTUnwrap(made.versusPaper, made.id)
            XCTAssertEqual(comparison.pairs.isEmpty, made.convergence.isEmpty, made.id)
            let converged = Set(made.convergence.filter(\.converged).map(\.request))
            let worse = comparison.worse.filter { converged.contains($0.request) }
            XCTAssertEqual(worse.map(\.request), [], "\(made.id): \(comparison.summary)")
        }
    }
}

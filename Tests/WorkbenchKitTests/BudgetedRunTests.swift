import Foundation
import XCTest
@testable import WorkbenchKit

/// Per-neuron gains on a small two-layer network, described by `TwoLayerColumns` (norms and
/// traced weights read through `forEachState`); records the storage its engine used.
final class StorageLog: @unchecked Sendable { var storages: [TrajectoryStorage] = [] }

struct BudgetedTwoLayerExperiment: Experiment {
    let name = "budgeted"
    let summary = "two-layer gains for memory-budget tests"
    let log: StorageLog
    var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 3000, learningRate: 0.05, beta: 0.2, controlRate: 0.5, iterations: 4,
                                       lower: -0.5, upper: 0.5))
    }
    var presets: Presets { Presets(quick: []) }
    func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let net = TwoLayerNetwork(configuration: .init(hidden: 5, lambda: 0.01, gains1: .perNeuron, gains2: .perNeuron),
                                  task: randomTask(inputs: 4, outputs: 3, seed: 31))
        var rng = SeededGenerator(seed: context.seed)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        let engine = try StandardParameters.problem(p, dynamics: net,
                                                    cost: NormCost(.exponential, beta: p[.beta], norm: WeightedSquares(range: 0..<net.controlCount)),
                                                    map: .perStep(initialState: w0))
        let steps = p[.steps], log = log
        return PreparedRun(engine: engine, initialControl: (0..<(steps * net.controlCount)).map { _ in 0.01 * rng.normal() },
                           baselineControl: [Double](repeating: 0, count: steps * net.controlCount),
                           optimizer: try StandardParameters.optimizer(p),
                           describe: { trajectory, baseline in
                               log.storages.append(trajectory.storage)
                               return TwoLayerColumns.describe(net, trajectory: trajectory, baseline: baseline, traced: 2)
                           })
    }
}

final class BudgetedRunTests: XCTestCase {
    override func tearDown() { unsetenv(MemoryBudget.environmentVariable) }

    func run(budget: Int?, overrides: [(String, String)] = []) throws -> (RunOutcome, [TrajectoryStorage]) {
        if let budget { setenv(MemoryBudget.environmentVariable, String(budget), 1) } else { unsetenv(MemoryBudget.environmentVariable) }
        let log = StorageLog()
        let outcome = try runExperiment(BudgetedTwoLayerExperiment(log: log), options: RunOptions(overrides: overrides))
        return (outcome, log.storages)
    }

    /// A budget too small for the whole trajectory (but enough for the control and series.csv)
    /// makes the run checkpoint, and every number it produces is the unbounded run's, exactly.
    func testACheckpointedRunGivesTheStoredRunsNumbers() throws {
        let (stored, storedLog) = try run(budget: nil)
        XCTAssertEqual(storedLog, [.stored, .stored])
        // The budget: the leanest engine plus series.csv as the runner counts it, short of the stored engine.
        let probe = BudgetedTwoLayerExperiment(log: StorageLog())
        let prepared = try probe.prepare(try probe.resolve(preset: "quick", overrides: []), context: RunContext(seed: 0, mnistDirectory: nil))
        let engine = prepared.engine
        let storedBytes = engine.memoryPlan.totalBytes
        engine.useTrajectoryStorage(engine.leanestStorage)
        let series = engine.steps * stored.series.count * RunChecks.bytesPerSeriesValue
        let budget = engine.memoryPlan.totalBytes + series + 1024
        XCTAssertLessThan(budget, storedBytes + series, "the budget must rule the stored trajectory out")

        // The engine alone fits stored; once the baseline's columns show series.csv does not fit
        // beside it, the runner switches it to checkpoints: the control is optimized and described so.
        let (checkpointed, log) = try run(budget: budget)
        XCTAssertEqual(log.count, 2)
        XCTAssertEqual(log.first, .stored)
        guard case .checkpointed? = log.last else { return XCTFail("expected a checkpointed engine, got \(log)") }
        XCTAssertEqual(checkpointed.valueBaseline, stored.valueBaseline)
        XCTAssertEqual(checkpointed.valueHistory, stored.valueHistory)
        XCTAssertEqual(checkpointed.control, stored.control)
        XCTAssertEqual(checkpointed.series.map(\.name), stored.series.map(\.name))
        for (a, b) in zip(checkpointed.series, stored.series) { XCTAssertEqual(a.values, b.values, a.name) }
    }

    /// What does not fit even checkpointed is refused in one line naming the parameter and bytes.
    func testARunThatCannotFitIsRefusedNamingSteps() {
        XCTAssertThrowsError(try run(budget: 64 << 20, overrides: [("steps", "10000000")])) { error in
            let message = (error as? WorkbenchError)?.message ?? "\(error)"
            XCTAssertTrue(message.hasPrefix("steps=10000000: needs "), message)
            XCTAssertTrue(message.contains("more than the memory budget of 64.0 MB (WORKBENCH_MEMORY_BUDGET)"), message)
            XCTAssertFalse(message.contains("\n"))
        }
    }

    /// The plan counts the copies of the control the chosen optimizer holds.
    func testThePlanCountsTheOptimizersControlCopies() throws {
        let e = BudgetedTwoLayerExperiment(log: StorageLog())
        for (name, copies) in [("gradient", 5), ("adam", 7), ("lbfgs", 20)] {
            let prepared = try e.prepare(try e.resolve(preset: "quick", overrides: [("optimizer", name)]),
                                         context: RunContext(seed: 0, mnistDirectory: nil))
            let engine = prepared.engine
            XCTAssertEqual(engine.memoryPlan.controlBytes, engine.parameterCount * 8 * copies, name)
        }
    }

    func testABadBudgetVariableIsNamed() {
        setenv(MemoryBudget.environmentVariable, "plenty", 1)
        XCTAssertThrowsError(try runExperiment(BudgetedTwoLayerExperiment(log: StorageLog()), options: RunOptions())) { error in
            XCTAssertEqual((error as? WorkbenchError)?.message,
                           "WORKBENCH_MEMORY_BUDGET='plenty': expected a positive number of bytes, optionally with K, M, G or T (e.g. 8G)")
        }
    }

    /// figures --jobs N: the runs in flight share the process's budget.
    func testParallelRunsShareTheBudget() {
        XCTAssertEqual(MemoryBudget(bytes: 12_000).shared(by: 3), MemoryBudget(bytes: 4_000))
        XCTAssertEqual(MemoryBudget(bytes: 12_000).shared(by: 1), MemoryBudget(bytes: 12_000))
        XCTAssertEqual(MemoryBudget.unlimited.shared(by: 4), .unlimited)
    }
}

import XCTest
@testable import WorkbenchKit

/// A checkpointed trajectory (every k-th state kept, segments recomputed in the backward sweep)
/// must give exactly the numbers of the stored trajectory: V, dV/dtheta, the ascent step and the
/// states visited, compared with ==, for segment lengths that divide N, do not, and k = 1.
final class CheckpointedAdjointTests: XCTestCase {
    func assertIdentical<D: LearningDynamics>(_ problem: ControlProblem<D>, theta: [Double], segments: [Int],
                                              file: StaticString = #filePath, line: UInt = #line) {
        let stored = Engine(problem, storage: .stored)
        var storedGradient = [Double]()
        let storedValue = stored.valueAndGradient(theta, gradient: &storedGradient)
        var storedStates: [Double] = []
        stored.lastRollout(of: theta).forEachState { _, w in storedStates += UnsafeBufferPointer(start: w, count: stored.stateCount) }
        XCTAssertEqual(storedStates, stored.states, file: file, line: line)
        var storedAscent = theta
        let bounds = Bounds(-0.4, 0.6)
        let storedAscentValue = stored.ascend(&storedAscent, rate: 0.7, bounds: bounds)
        XCTAssertTrue(storedValue.isFinite && storedGradient.contains { $0 != 0 }, file: file, line: line)

        for k in segments {
            let engine = Engine(problem, storage: .checkpointed(segment: k))
            XCTAssertEqual(engine.memoryPlan.storage, .checkpointed(segment: k), file: file, line: line)
            XCTAssertTrue(engine.states.isEmpty, "a checkpointed engine does not hold the trajectory", file: file, line: line)
            var gradient = [Double]()
            let value = engine.valueAndGradient(theta, gradient: &gradient)
            XCTAssertEqual(value, storedValue, "V, segment \(k)", file: file, line: line)
            XCTAssertEqual(gradient, storedGradient, "dV/dtheta, segment \(k)", file: file, line: line)
            XCTAssertEqual(engine.initialStateGradient, stored.initialStateGradient, "dV/dw0, segment \(k)", file: file, line: line)
            XCTAssertEqual(engine.value(theta), storedValue, file: file, line: line)
            var states: [Double] = [], visited: [Int] = []
            engine.lastRollout(of: theta).forEachState { i, w in
                visited.append(i)
                states += UnsafeBufferPointer(start: w, count: engine.stateCount)
            }
            XCTAssertEqual(visited, Array(0..<problem.steps), file: file, line: line)
            XCTAssertEqual(states, storedStates, "states, segment \(k)", file: file, line: line)
            var ascent = theta
            XCTAssertEqual(engine.ascend(&ascent, rate: 0.7, bounds: bounds), storedAscentValue, file: file, line: line)
            XCTAssertEqual(ascent, storedAscent, "fused ascent step, segment \(k)", file: file, line: line)
        }
    }

    /// The two-layer network with gains keeps a tape (its error matrix) between the sweeps.
    func testTwoLayerNetworkWithTapeIsBitIdentical() {
        let net = TwoLayerNetwork(configuration: .init(hidden: 5, lambda: 0.01, gains1: .perSynapse, gains2: .perSynapse),
                                  tasks: [randomTask(inputs: 4, outputs: 3, seed: 21), randomTask(inputs: 4, outputs: 3, seed: 22)],
                                  switchEvery: 9)
        XCTAssertGreaterThan(net.tapeCount, 0)
        var rng = SeededGenerator(seed: 7)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        let steps = 37
        let cost = NormCost(.exponential, beta: 0.3, norm: WeightedSquares(range: 0..<net.controlCount))
        let problem = ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.9, eta: 1.3, cost: cost,
                                     map: .perStep(initialState: w0))
        var theta = [Double]()
        for _ in 0..<steps { theta += net.neutralControl.map { $0 + 0.2 * rng.normal() } }
        assertIdentical(problem, theta: theta, segments: [1, 2, 6, 10, 36])
    }

    func testTanhNetworkIsBitIdentical() {
        let net = TanhNetwork(task: TanhNetworkTests.skewedTask(seed: 3), hidden: 4, lambda: 0.02)
        var rng = SeededGenerator(seed: 4)
        let w0 = (0..<net.stateCount).map { _ in 0.5 * rng.normal() }
        let steps = 25
        let problem = ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.9, eta: 1.2,
                                     cost: NormCost(.exponential, beta: 0.3, norm: WeightedSquares(range: 0..<net.controlCount)),
                                     map: .perStep(initialState: w0))
        let theta = (0..<(steps * net.controlCount)).map { _ in 0.2 * rng.normal() }
        assertIdentical(problem, theta: theta, segments: [1, 4, 5, 24])
    }

    /// MAML's map: the control is the initial state, the per-step controls are fixed.
    func testInitialStateControlIsBitIdentical() {
        let net = TwoLayerNetwork(configuration: .init(hidden: 5, lambda: 0.1, outputNoise: 0.2),
                                  task: randomTask(inputs: 4, outputs: 3, seed: 1))
        var rng = SeededGenerator(seed: 5)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        let problem = ControlProblem(dynamics: net, steps: 19, dt: 0.05, gamma: 1, eta: 1, cost: ZeroCost(),
                                     map: .initialState(copies: 1, controls: []))
        assertIdentical(problem, theta: w0, segments: [1, 3, 7])
    }

    /// Under a budget too small for the whole trajectory the engine checkpoints by itself, with a
    /// footprint within the budget, and still gives the stored engine's numbers.
    func testTinyBudgetChoosesCheckpointsWithinIt() throws {
        let net = TwoLayerNetwork(configuration: .init(hidden: 5, lambda: 0.01, learningRate: true),
                                  task: randomTask(inputs: 4, outputs: 3, seed: 2))
        var rng = SeededGenerator(seed: 8)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        let steps = 400
        let problem = ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.95, eta: 1,
                                     cost: NormCost(.quadratic, beta: 0.2, norm: WeightedSquares(range: 0..<net.controlCount)),
                                     map: .perStep(initialState: w0))
        let storedPlan = Engine(problem).memoryPlan
        XCTAssertEqual(storedPlan.storage, .stored)
        let budget = MemoryBudget(bytes: storedPlan.totalBytes - storedPlan.trajectoryBytes / 4)
        let engine = try Engine(problem, budget: budget)
        guard case .checkpointed(let k) = engine.memoryPlan.storage else { return XCTFail("expected checkpoints") }
        XCTAssertEqual(k, 17, "sqrt(400 n / (n + tape)) with state n = 35 and tape 12: sqrt(297.9) = 17.3")
        XCTAssertLessThanOrEqual(engine.memoryPlan.totalBytes, budget.bytes)
        let theta = (0..<(steps * net.controlCount)).map { _ in 1 + 0.1 * rng.normal() }
        var g1 = [Double](), g2 = [Double]()
        let stored = Engine(problem)
        XCTAssertEqual(engine.valueAndGradient(theta, gradient: &g1), stored.valueAndGradient(theta, gradient: &g2))
        XCTAssertEqual(g1, g2)
    }

    /// A run that cannot fit even checkpointed is refused before allocating, naming the bytes.
    func testRefusesWhatCannotFit() {
        let net = TwoLayerNetwork(configuration: .init(hidden: 5, lambda: 0.01, gains1: .perSynapse, gains2: .perSynapse),
                                  task: randomTask(inputs: 4, outputs: 3, seed: 2))
        let problem = ControlProblem(dynamics: net, steps: 10_000_000, dt: 0.05, gamma: 0.95, eta: 1,
                                     cost: ZeroCost(), map: .perStep(initialState: [Double](repeating: 0, count: net.stateCount)))
        XCTAssertThrowsError(try Engine(problem, budget: MemoryBudget(bytes: 1 << 30))) { error in
            guard let shortfall = error as? MemoryShortfall else { return XCTFail("\(error)") }
            // 10^7 steps x 35 gains x 8 bytes = 2.8 GB per copy of the control, and a run holds several.
            XCTAssertGreaterThan(shortfall.plan.controlBytes, 18_000_000_000)
            let line = shortfall.message(parameters: "steps=10000000")
            XCTAssertFalse(line.contains("\n"))
            XCTAssertTrue(line.hasPrefix("steps=10000000: needs "), line)
            XCTAssertTrue(line.hasSuffix("lower steps, or raise WORKBENCH_MEMORY_BUDGET"), line)
            XCTAssertTrue(line.contains("1.0 GB (WORKBENCH_MEMORY_BUDGET)"), line)
        }
    }

    func testBudgetParsing() throws {
        XCTAssertEqual(MemoryBudget.parse("123456"), 123456)
        XCTAssertEqual(MemoryBudget.parse("512M"), 512 << 20)
        XCTAssertEqual(MemoryBudget.parse("1.5G"), 3 << 29)
        XCTAssertEqual(MemoryBudget.parse("8gb"), 8 << 30)
        for bad in ["", "-1G", "0", "lots", "1Q", "nan"] { XCTAssertNil(MemoryBudget.parse(bad), bad) }
        XCTAssertEqual(try MemoryBudget.current(environment: ["WORKBENCH_MEMORY_BUDGET": "2G"]).bytes, 2 << 30)
        XCTAssertThrowsError(try MemoryBudget.current(environment: ["WORKBENCH_MEMORY_BUDGET": "lots"]))
        XCTAssertNoThrow(try MemoryBudget(bytes: 1000).require(1000, for: "x", lower: "y"))
        XCTAssertThrowsError(try MemoryBudget(bytes: 1000).require(1001, for: "e: n=5", lower: "n")) { error in
            XCTAssertEqual((error as? WorkbenchError)?.message,
                           "e: n=5 needs about 1001 bytes, more than the memory budget of 1000 bytes (WORKBENCH_MEMORY_BUDGET); lower n, or raise WORKBENCH_MEMORY_BUDGET")
        }
        // No limit from SLURM or a cgroup (files injected, not the live machine's): half of physical memory.
        XCTAssertEqual(try MemoryBudget.current(environment: [:], readFile: { _ in nil }, physicalMemory: 8 << 30).bytes, 4 << 30)
    }
}

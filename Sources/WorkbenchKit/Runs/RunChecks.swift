import Foundation

/// Checks a run makes between its phases, so that it stops with one line instead of writing
/// `null`s or dying in the allocator.
enum RunChecks {
    /// Bytes per series.csv value while the file is written: the Double column (8), the CSV text
    /// (up to ~25 characters with its comma, doubled while the String grows) and the Data copy
    /// the atomic write makes of it.
    static let bytesPerSeriesValue = 8 + 3 * 25

    /// Refuses a run whose series.csv cannot be held in memory with the engine's own needs, after
    /// switching the engine to checkpoints if that makes room. `columns` counts the columns the run
    /// will write (known after the baseline is described).
    static func seriesFits(experiment: String, engine: any ValueEngine, columns: Int,
                           parameters: ParameterValues, budget: MemoryBudget) throws {
        let series = bytesProduct(engine.steps, columns, bytesPerSeriesValue)
        var total = bytesSum(engine.memoryPlan.totalBytes, series)
        guard total > budget.bytes else { return }
        if engine.memoryPlan.storage == .stored, engine.leanestStorage != .stored {
            engine.useTrajectoryStorage(engine.leanestStorage)
            total = bytesSum(engine.memoryPlan.totalBytes, series)
            guard total > budget.bytes else { return }
        }
        let size = StandardParameters.sizeParameters(parameters)
        throw WorkbenchError("\(experiment): \(size.isEmpty ? "" : size + ": ")series.csv of \(columns) columns x \(engine.steps) rows needs about \(formatBytes(series)) in memory (\(formatBytes(total)) with the engine), more than the memory budget of \(budget); lower steps\(parameters.declared(.traced) != nil ? " or traced" : "") or raise \(MemoryBudget.environmentVariable)")
    }

    /// Which rollout went wrong, for the message.
    enum Phase {
        case baseline
        case iteration(Int)
    }

    /// One line for a rollout whose value V is not finite, naming the parameter most likely at
    /// fault, read from where the engine's last evaluation first went non-finite: the loss (the
    /// learning diverged: the Euler step is too large for these dynamics, or the control pushed it
    /// there) or the cost (C(g) overflowed: beta, or a control pushed far by the ascent).
    /// `control` is the optimizer's control when it stopped: entries beyond any sensible scale
    /// mean the ascent itself blew up (control_lr), whatever the cost then made of them.
    static func divergence(experiment: String, phase: Phase, value: Double, engine: any ValueEngine,
                           parameters p: ParameterValues, control: [Double] = []) -> WorkbenchError {
        func named<Value>(_ key: Parameter<Value>) -> String? { p.declared(key).map { "\(key.name)=\($0.parameterText)" } }
        let losses = engine.losses, costs = engine.costs
        let firstBadLoss = losses.firstIndex { !$0.isFinite }
        let firstBadCost = costs.firstIndex { !$0.isFinite }
        let when: String
        switch phase {
        case .baseline: when = "the baseline rollout"
        case .iteration(let k): when = "control iteration \(k + 1)"
        }
        let what: String, suspects: [String]
        func at(_ i: Int) -> String { "step \(i) (t = \(String(format: "%.6g", Double(i) * engine.dt)))" }
        func shown(_ x: Double) -> String { x.isNaN ? "nan" : "\(x)" }
        if case .iteration = phase, let j = control.firstIndex(where: { !$0.isFinite || abs($0) > 1e100 }) {
            what = "the ascent threw the control to \(shown(control[j])) (entry \(j))"
            suspects = [named(.controlRate)].compactMap { $0 }
        } else if let c = firstBadCost, firstBadLoss.map({ c <= $0 }) ?? true {
            what = "the control cost C(g) is \(shown(costs[c])) at \(at(c))"
            switch phase {
            case .baseline: suspects = [named(.beta), named(.cost)].compactMap { $0 }
            case .iteration: suspects = [named(.beta), named(.cost), named(.controlRate)].compactMap { $0 }
            }
        } else if let l = firstBadLoss {
            what = "the learning diverged: the loss is \(shown(losses[l])) from \(at(l))"
            switch phase {
            case .baseline: suspects = [named(.learningRate)].compactMap { $0 }
            case .iteration: suspects = [named(.controlRate), named(.learningRate)].compactMap { $0 }
            }
        } else {
            what = "the sum over steps overflowed"
            suspects = [named(.eta), named(.beta)].compactMap { $0 }
        }
        let advice = suspects.isEmpty ? "" : "; likely too large: \(suspects.joined(separator: ", "))"
        return WorkbenchError("\(experiment): \(when) is not finite (V = \(shown(value))): \(what)\(advice)")
    }

    /// Non-finite SGD losses: the real network diverged where the averaged dynamics did not.
    static func sgdFinite(experiment: String, columns: [SeriesColumn], parameters p: ParameterValues, which: String) throws {
        for column in columns where column.name.hasSuffix("_mean") {
            if let i = column.values.firstIndex(where: { !$0.isFinite }) {
                let lr = p.declared(.learningRate).map { "learning_rate=\(formatNumber($0))" }
                throw WorkbenchError("\(experiment): the SGD simulation under the \(which) control diverged (\(column.name) is \(column.values[i]) at step \(i))\(lr.map { "; likely too large: \($0)" } ?? "")")
            }
        }
    }
}

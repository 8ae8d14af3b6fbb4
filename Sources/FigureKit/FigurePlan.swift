import Foundation
import WorkbenchKit

/// Which figures can be made and which runs they need: figures missing an experiment or MNIST
/// are set aside with the reason and the remedy; the runs of the rest are resolved (so bad
/// parameters fail before anything runs), keyed and deduplicated in plan order.
struct FigurePlan {
    struct Entry {
        let figure: any WorkbenchFigure
        /// The runs as the figure asks for them (and finds them when drawing).
        let requests: [RunRequest]
        /// Per procedure planned, the cache key each request is computed under.
        let keys: [Procedure: [RunRequest: RunKey]]
        /// The requests whose experiment has an optimizer parameter: L-BFGS at the optimum, their own
        /// under the paper's procedure (the same run when their own is L-BFGS).
        let optimized: Set<RunRequest>
        /// The procedures this entry is drawn under, in drawing order.
        var procedures: [Procedure] { Procedure.allCases.filter { keys[$0] != nil } }
        /// Each distinct run once, in request order, named by its request and, for a run only the
        /// optimum uses, " (optimum)".
        var distinctRuns: [(key: RunKey, request: RunRequest, name: String)] {
            var seen = Set<RunKey>(), runs: [(key: RunKey, request: RunRequest, name: String)] = []
            for procedure in procedures {
                for request in requests {
                    let key = keys[procedure]![request]!
                    guard seen.insert(key).inserted else { continue }
                    let shared = procedure == .optimum && keys[.paper]?[request] == key
                    runs.append((key, request, "\(request)" + (procedure == .optimum && !shared && keys[.paper] != nil ? " (optimum)" : "")))
                }
            }
            return runs
        }
    }
    var entries: [Entry] = []
    var skipped: [FiguresReport.NotMade] = []
    /// Unique runs in plan order (figure by figure, procedure by procedure, run by run).
    var runs: [PlannedRun] = []

    /// `procedures`: which to plan (the paper's first); a run the procedures share is planned once.
    init(figures: [any WorkbenchFigure], registry: Registry, context: PlanContext,
         mnistDirectory: String?, procedures: [Procedure] = [.paper]) throws {
        let mnistProblem = MNISTCheck.problem(mnistDirectory)
        var seen = Set<RunKey>()
        for figure in figures {
            let missing = figure.requiredExperiments.filter { !context.has($0) }
            if !missing.isEmpty {
                skipped.append(.init(id: figure.id, reason: "needs experiment(s) \(missing.map(\.text).joined(separator: ", ")), which no plugin in this build registers"))
                continue
            }
            let requests = figure.runs(context)
            var needsMNIST = figure.readsMNIST
            var planned: [PlannedRun] = []
            var keys: [Procedure: [RunRequest: RunKey]] = [:]
            var optimized = Set<RunRequest>()
            for procedure in Procedure.allCases where procedures.contains(procedure) {
                var procedureKeys: [RunRequest: RunKey] = [:]
                for asked in requests where procedureKeys[asked] == nil {
                    let experiment = try registry.experiment(named: asked.experiment.text)
                    var request = asked
                    if experiment.parameters.contains(where: { $0.name == Parameter<OptimizerKind>.optimizer.name }) {
                        optimized.insert(asked)
                        if let optimizer = procedure.optimizer { request = asked.with([.set(.optimizer, optimizer)]) }
                    }
                    let parameters: ParameterValues
                    do {
                        parameters = try experiment.resolve(request.preset, overrides: request.orderedOverrides)
                    } catch let e as WorkbenchError {
                        throw WorkbenchError("\(figure.id): \(e.message)")
                    }
                    needsMNIST = needsMNIST || experiment.needsMNIST(parameters)
                    let steps = Double(max(1, parameters.declared(.steps) ?? 1)), budget = max(1, parameters.declared(.iterations) ?? 1)
                    let size = steps * Double(budget + 2)
                    let expected = parameters.declared(.optimizer).map { steps * ($0.recipe(iterations: budget).expectedEvaluations + 2) } ?? size
                    let key = RunKey(request: request, parameters: parameters, revision: experiment.outputRevision)
                    procedureKeys[asked] = key
                    planned.append(PlannedRun(request: request, experiment: experiment, key: key, size: size, expectedSize: expected,
                                              steps: parameters.declared(.steps) ?? 0, sgdRuns: parameters.declared(.sgdRuns) ?? 0,
                                              sgdSteps: parameters.declared(.sgdSteps)))
                }
                keys[procedure] = procedureKeys
            }
            if needsMNIST, let problem = mnistProblem {
                skipped.append(.init(id: figure.id, reason: "needs MNIST: \(problem); remedy: pass --mnist DIR or set MNIST_DIR to a folder with the IDX files"))
                continue
            }
            entries.append(Entry(figure: figure, requests: requests, keys: keys, optimized: optimized))
            for run in planned where seen.insert(run.key).inserted { runs.append(run) }
        }
    }

}

/// Whether a directory holds what the figures read: the training split (raw or gzipped IDX),
/// the split the paper's statistics come from.
enum MNISTCheck {
    static func problem(_ directory: String?) -> String? {
        guard let directory else { return "no MNIST folder given and the bundled copy is missing" }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return "directory \(directory) does not exist or cannot be read"
        }
        let missing = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"].filter { file in
            !names.contains { $0 == file || $0 == file + ".gz" }
        }
        guard missing.isEmpty else {
            return "\(directory) lacks \(missing.map { $0 + "[.gz]" }.joined(separator: " and ")) (the training split, which the figures read)"
        }
        return nil
    }
}

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
        /// The cache key each request is computed under (with `--optimizer`, not the request's own).
        let keys: [RunRequest: RunKey]
        /// With `--optimizer`: which of the figure's runs use it and which keep their own, and why.
        var optimiserNote: String? = nil
        /// With `--optimizer`: the key each switched request has under the paper's procedure, where
        /// a run of it may already be cached to compare V with.
        var paperKeys: [RunRequest: RunKey] = [:]
    }
    var entries: [Entry] = []
    var skipped: [FiguresReport.NotMade] = []
    /// Unique runs in plan order (figure by figure, run by run).
    var runs: [PlannedRun] = []

    /// `all`: every figure of the build: the runs any of them chooses an optimiser for
    /// (`optimiserChoices`) take it in every figure, whatever `optimizer` asks.
    init(figures: [any WorkbenchFigure], all: [any WorkbenchFigure], registry: Registry, context: PlanContext,
         mnistDirectory: String?, optimizer: OptimizerKind? = nil) throws {
        // Runs a figure chooses an optimiser for (and every figure sharing them: Fig. 3a and 6 draw
        // Fig. 7's MAML runs) take it whichever figures this call makes.
        // A figure that keeps a run on the paper's procedure wins over one that would speed it up.
        var chosen: [RunRequest: (reason: String, optimizer: OptimizerKind?)] = [:]
        for figure in all {
            for choice in figure.optimiserChoices(context) {
                for run in choice.runs where chosen[run] == nil || (chosen[run]!.optimizer != nil && choice.optimizer == nil) {
                    chosen[run] = ("\(figure.id): \(choice.reason)", choice.optimizer)
                }
            }
        }
        let mnistProblem = MNISTCheck.problem(mnistDirectory)
        var seen = Set<RunKey>()
        for figure in figures {
            let missing = figure.requiredExperiments.filter { !context.has($0) }
            if !missing.isEmpty {
                skipped.append(.init(id: figure.id, reason: "needs experiment(s) \(missing.map(\.text).joined(separator: ", ")), not in this build (their plugin has not landed)"))
                continue
            }
            let requests = figure.runs(context)
            var needsMNIST = figure.readsMNIST
            var planned: [PlannedRun] = []
            var keys: [RunRequest: RunKey] = [:]
            var switched = 0, kept: [String: Int] = [:], faster: [String: Int] = [:]
            var paperKeys: [RunRequest: RunKey] = [:]
            var counted = Set<RunRequest>()
            for asked in requests {
                let first = counted.insert(asked).inserted
                let experiment = try registry.experiment(named: asked.experiment.text)
                var request = asked
                func resolve(_ r: RunRequest) throws -> ParameterValues {
                    do {
                        return try experiment.resolve(r.preset, overrides: r.orderedOverrides)
                    } catch let e as WorkbenchError {
                        throw WorkbenchError("\(figure.id): \(e.message)")
                    }
                }
                let askedParameters = try resolve(asked)
                if let optimizer, experiment.parameters.contains(where: { $0.name == Parameter<OptimizerKind>.optimizer.name }) {
                    let own = askedParameters.declared(.optimizer)
                    func notSpedUp(by faster: OptimizerKind) -> String {
                        "their own optimiser, \(own?.rawValue ?? "none"), which \(faster.rawValue) does not speed up"
                    }
                    if let choice = chosen[asked] {
                        if let instead = choice.optimizer, instead.accelerates == own {
                            request = asked.with([.set(.optimizer, instead)])
                            if first { faster["\(instead.rawValue)\t\(choice.reason)", default: 0] += 1 }
                        } else if let instead = choice.optimizer {
                            if first { kept["\(figure.id): " + notSpedUp(by: instead), default: 0] += 1 }
                        } else if first { kept[choice.reason, default: 0] += 1 }
                    } else if let forced = optimizer.accelerates, forced != own {
                        // A faster form replaces only the procedure it computes faster.
                        if first { kept[notSpedUp(by: optimizer), default: 0] += 1 }
                    } else {
                        request = asked.with([.set(.optimizer, optimizer)])
                        if first { switched += 1 }
                    }
                }
                let parameters = request == asked ? askedParameters : try resolve(request)
                needsMNIST = needsMNIST || experiment.needsMNIST(parameters)
                let steps = Double(max(1, parameters.declared(.steps) ?? 1)), budget = max(1, parameters.declared(.iterations) ?? 1)
                let size = steps * Double(budget + 2)
                let expected = parameters.declared(.optimizer).map { steps * (expectedEvaluations($0, budget: budget) + 2) } ?? size
                let key = RunKey(request: request, parameters: parameters, revision: experiment.outputRevision)
                if request != asked {
                    // Compared only when the forced optimiser is not already the experiment's own.
                    let paperKey = RunKey(request: asked, parameters: askedParameters, revision: experiment.outputRevision)
                    if paperKey != key { paperKeys[asked] = paperKey }
                }
                keys[asked] = key
                planned.append(PlannedRun(request: request, experiment: experiment, key: key, size: size, expectedSize: expected,
                                          steps: parameters.declared(.steps) ?? 0, sgdRuns: parameters.declared(.sgdRuns) ?? 0,
                                          sgdSteps: parameters.declared(.sgdSteps)))
            }
            if needsMNIST, let problem = mnistProblem {
                skipped.append(.init(id: figure.id, reason: "needs MNIST: \(problem); remedy: pass --mnist DIR or set MNIST_DIR to a folder with the IDX files"))
                continue
            }
            var entry = Entry(figure: figure, requests: requests, keys: keys)
            entry.paperKeys = paperKeys
            if let optimizer, switched + kept.values.reduce(0, +) + faster.values.reduce(0, +) > 0 {
                let instead = faster.sorted { $0.key < $1.key }.map { key, count in
                    let parts = key.split(separator: "\t", maxSplits: 1)
                    return "\(parts[0]) for \(count) run(s) (\(parts[1]))"
                }
                let keeping = kept.sorted { $0.key < $1.key }.map { "\($0.value) keep the paper's procedure (\($0.key))" }
                entry.optimiserNote = "Optimiser (`--optimizer \(optimizer.rawValue)`): "
                    + ((switched > 0 ? ["\(optimizer.rawValue) for \(switched) run(s)"] : []) + instead + keeping).joined(separator: "; ")
            }
            entries.append(entry)
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

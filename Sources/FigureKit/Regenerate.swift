import Foundation
import Render
import WorkbenchKit

/// `workbench figures`: plan the requested figures, compute the runs not yet cached (on `jobs`
/// threads, each under its run claim) figure by figure, drawing each once its runs are there,
/// then write index.md. With --shard only this shard's share of the runs is computed, and nothing
/// is drawn. `--status` reports and stops; `--no-compute` draws only from the cache.
/// `figures`: what this build draws (the paper's and the plugins'); `registry`: its experiments.
public func regenerateFigures(registry: Registry, figures all: FigureSet, options: FiguresOptions) throws -> FiguresReport {
    let start = Date()
    let log = options.log
    let figures = try all.select(options.only)
    let writes = !options.dryRun && !options.status
    if writes { try AtomicFile.prepareDirectory(options.outDirectory) }
    let cache = RunCache(directory: (options.outDirectory as NSString).appendingPathComponent("runs"))
    let claims = RunClaims(staleAfter: options.claimStaleAfter, clock: options.claimClock, log: log)
    let context = PlanContext(preset: options.preset, experiments: Set(registry.experiments.map { ExperimentName($0.name) }))
    let plan = try FigurePlan(figures: figures, registry: registry, context: context,
                              mnistDirectory: options.mnistDirectory, procedures: options.procedures)

    var report = FiguresReport()
    report.shard = options.shard
    report.skipped = plan.skipped
    report.runsPlanned = plan.runs.count
    if options.status {
        report.statusOnly = true
        describeStatus(plan, cache: cache, claims: claims, report: &report, log: log)
        return report
    }
    let computes = !options.noCompute
    var toCompute: [PlannedRun] = []
    var notCached: [RunKey: String] = [:]
    for (position, run) in plan.runs.enumerated() {
        switch cache.state(run.key, experiment: run.request.experiment.text) {
        case .complete: report.runsCached += 1; continue
        case .damaged(let reason):
            let folder = cache.folder(run.key, experiment: run.request.experiment.text)
            if computes { log("warning: cached run \(run.request) (\(folder)) is damaged: \(reason); recomputing it") }
            notCached[run.key] = "damaged: \(reason)"
        case .missing:
            notCached[run.key] = cache.whyNotCached(run, claims: claims)
        }
        if let shard = options.shard, !shard.owns(position: position) { report.runsElsewhere += 1; continue }
        toCompute.append(run)
    }
    if !computes {
        report.runsNotCached = notCached.count
        toCompute = []
    }
    let jobs = max(1, options.jobs)
    let (priors, atBudget) = estimatedSeconds(toCompute, mnistDirectory: options.mnistDirectory)
    let estimate = toCompute.isEmpty ? "" : ", ~" + formatDuration(priors.values.reduce(0, +)) + " CPU estimated"
        + (budgetNote(priors, atBudget).map { " (\($0))" } ?? "")
    log("figures (\(options.preset.rawValue) preset, " + options.procedures.map(\.label).joined(separator: " and ")
        + "): \(plan.entries.count) to draw, \(report.skipped.count) skipped; "
        + "\(plan.runs.count) runs: \(report.runsCached) cached, "
        + (computes ? "\(toCompute.count) to compute on \(jobs) job(s)" : "\(notCached.count) not cached (--no-compute: none computed)")
        + (options.shard.map { " (shard \($0), \(report.runsElsewhere) left to other shards)" } ?? "") + estimate)

    if options.dryRun {
        describePlan(plan, toCompute: toCompute, priors: priors, atBudget: atBudget, log: log)
        for s in report.skipped { log("\(s.id): skipped: \(s.reason)") }
        return report
    }

    let progress = RunProgress(runs: toCompute, jobs: jobs, priors: priors, log: log)
    var scheduler = RunScheduler(cache: cache, jobs: jobs, mnistDirectory: options.mnistDirectory,
                                 heartbeat: options.heartbeatSeconds, claims: claims, leaveClaimedRuns: options.shard != nil)
    scheduler.pollEvery = options.claimPollSeconds
    scheduler.sleep = options.claimSleep
    var outcome = RunScheduler.Outcome()
    func compute(_ runs: [PlannedRun]) {
        guard !runs.isEmpty else { return }
        let o = scheduler.execute(runs, progress: progress)
        outcome.failures.merge(o.failures) { a, _ in a }
        outcome.doneElsewhere.merge(o.doneElsewhere) { a, _ in a }
        outcome.leftToOthers.merge(o.leftToOthers) { a, _ in a }
    }
    func count() {
        report.runsDoneElsewhere = outcome.doneElsewhere.count
        report.runsLeftToOthers = outcome.leftToOthers.count
        report.runsComputed = toCompute.count - outcome.failures.count - outcome.doneElsewhere.count - outcome.leftToOthers.count
    }

    if let shard = options.shard {
        compute(toCompute)
        count()
        let failures = outcome.failures
        for (key, error) in failures {
            report.failed.append(.init(id: key.folderName("run"), reason: describe(error)))
        }
        report.seconds = Date().timeIntervalSince(start)
        for s in report.skipped { log("\(s.id): skipped: \(s.reason)") }
        log("shard \(shard): \(report.runsComputed) runs computed, \(failures.count) failed"
            + (outcome.doneElsewhere.isEmpty ? "" : ", \(outcome.doneElsewhere.count) computed meanwhile by other processes")
            + (outcome.leftToOthers.isEmpty ? "" : ", \(outcome.leftToOthers.count) left to the processes holding their claims")
            + (report.skipped.isEmpty ? "" : "; \(report.skipped.count) figure(s) could not be prepared (listed above), so this shard fails")
            + "; run `workbench figures --no-compute` without --shard to draw")
        return report
    }

    // Figure by figure, the cheapest first, each drawn as soon as its runs are there: a long
    // regeneration shows its figures as it goes, and one stopped early leaves those it finished
    // drawn. Within a figure the longest runs start first. Every planned run belongs to some
    // figure's runs, so the loop computes them all.
    let pending = Dictionary(toCompute.map { ($0.key, $0) }) { a, _ in a }
    let entryRuns = plan.entries.map { entry in entry.distinctRuns.compactMap { pending[$0.key] } }
    let entryCost = entryRuns.map { $0.reduce(0) { $0 + (priors[$1.key] ?? 0) } }
    var started = Set<RunKey>()
    for index in plan.entries.indices.sorted(by: { (entryCost[$0], $0) < (entryCost[$1], $1) }) {
        let entry = plan.entries[index]
        compute(entryRuns[index].filter { started.insert($0.key).inserted })
        let failures = outcome.failures
        let figureStart = Date()
        let keys = entry.procedures.flatMap { p in entry.requests.map { (p, $0, entry.keys[p]![$0]!) } }
        if let bad = keys.first(where: { failures[$0.2] != nil }) {
            report.failed.append(.init(id: entry.figure.id, reason: "a run failed (\(bad.0.label)): \(describe(failures[bad.2]!))"))
            continue
        }
        if !computes {
            var listed = Set<RunKey>()
            let missing = keys.filter { notCached[$0.2] != nil && listed.insert($0.2).inserted }
            if !missing.isEmpty {
                report.failed.append(.init(id: entry.figure.id, reason: "--no-compute: \(missing.count) of its runs are not cached: "
                    + missing.map { "\($0.1)\($0.0 == .optimum && entry.optimized.contains($0.1) ? " (optimum)" : "") (\(notCached[$0.2]!))" }.joined(separator: "; ")))
                continue
            }
        }
        do {
            var made = FiguresReport.Made(id: entry.figure.id, files: [], seconds: 0)
            var records: [Procedure: [RunRequest: RunRecord]] = [:]
            var counted = Set<RunKey>()
            var runSeconds = 0.0
            for procedure in entry.procedures {
                var these: [RunRequest: RunRecord] = [:]
                for request in entry.requests where these[request] == nil {
                    let key = entry.keys[procedure]![request]!
                    these[request] = try RunRecord(request: request, folder: cache.folder(key, experiment: request.experiment.text))
                    if counted.insert(key).inserted { runSeconds += these[request]!.seconds }
                }
                records[procedure] = these
                let inputs = FigureInputs(context: context, mnistDirectory: options.mnistDirectory, records: these)
                let (files, claims) = try FigureWriter.write(entry.figure, inputs: inputs, to: options.outDirectory, stem: procedure.fileStem(entry.figure.id),
                                                             procedure: procedure,
                                                             formats: options.formats, preset: options.preset)
                let below = these.values.filter(\.controlBelowBaseline).map(\.request).sorted { "\($0)" < "\($1)" }
                made.drawings.append(.init(procedure: procedure, files: files, claims: claims, controlBelowBaseline: below))
                made.files += files
                log("\(entry.figure.id): wrote \(files.joined(separator: ", "))")
                if !below.isEmpty {
                    log("\(entry.figure.id): warning: \(below.count) run(s) end with a lower value than their baseline "
                        + "under the \(procedure.label) (the optimization did not reach it): \(below.map { "\($0)" }.joined(separator: "; "))")
                }
            }
            if let optimum = records[.optimum] {
                made.convergence = entry.requests.filter { entry.optimized.contains($0) }.reduce(into: [RunRequest]()) { if !$0.contains($1) { $0.append($1) } }
                    .map { Convergence.verdict(optimum[$0]!) }
                if let paper = records[.paper] {
                    made.versusPaper = ProcedureComparison(entry, paper: paper, optimum: optimum)
                }
            }
            let converged = made.convergence.allSatisfy(\.converged)
            made.verdicts = ClaimVerdicts.combine(paper: made.drawing(.paper)?.claims, optimum: made.drawing(.optimum)?.claims, converged: converged)
            made.seconds = Date().timeIntervalSince(figureStart) + runSeconds
            report.made.append(made)
            for claim in made.verdicts {
                let failed = [claim.paper, claim.optimum].compactMap { $0 }.filter { $0.verdict == .fail }
                guard !failed.isEmpty else { continue }
                let under = zip([Procedure.paper, .optimum], [claim.paper, claim.optimum]).filter { $0.1?.verdict == .fail }.map(\.0.label)
                log("\(entry.figure.id): claim FAILED (\(under.joined(separator: ", "))): \(claim.statement) [\(failed[0].measured)]"
                    + (claim.status.map { " -> \($0.rawValue)" } ?? ""))
            }
            let unconverged = made.convergence.filter { !$0.converged }
            if !unconverged.isEmpty {
                log("\(entry.figure.id): \(unconverged.count) of \(made.convergence.count) optimum run(s) not converged "
                    + "(projected gradient relative to its start above \(Measure.text(Convergence.tolerance))): "
                    + unconverged.prefix(3).map(\.text).joined(separator: "; ")
                    + (unconverged.count > 3 ? "; \(unconverged.count - 3) more in index.md" : ""))
            }
        } catch {
            report.failed.append(.init(id: entry.figure.id, reason: describe(error)))
            log("\(entry.figure.id): FAILED: \(describe(error))")
        }
    }
    count()
    let position = Dictionary(uniqueKeysWithValues: plan.entries.enumerated().map { ($1.figure.id, $0) })
    report.made.sort { position[$0.id]! < position[$1.id]! }
    report.seconds = Date().timeIntervalSince(start)
    try IndexWriter.write(report: report, plan: plan, figures: all, context: context, options: options)
    for s in report.skipped { log("\(s.id): skipped: \(s.reason)") }
    for f in report.failed { log("\(f.id): failed: \(f.reason)") }
    if !computes, !notCached.isEmpty {
        log("--no-compute: \(notCached.count) run(s) not cached; compute them (an array task that failed: docs/cluster.md), then draw again")
    }
    log(claimSummary(report))
    log("figures: \(report.made.count) made, \(report.skipped.count) skipped, \(report.failed.count) failed in \(formatDuration(report.seconds)); index: \((options.outDirectory as NSString).appendingPathComponent("index.md"))")
    return report
}

/// Seconds each run should take: its size times the cost per unit of its setting (the run
/// without its seed), plus its SGD replays, timed once per setting (`StepCost`); a run at its
/// `Recipe.expectedEvaluations` (`expected`) and at its whole budget (`atBudget`). Runs whose
/// setting cannot be timed are left out.
func estimatedSeconds(_ runs: [PlannedRun], mnistDirectory: String?) -> (expected: [RunKey: Double], atBudget: [RunKey: Double]) {
    var costs: [RunRequest: StepCost?] = [:]
    var expected: [RunKey: Double] = [:], atBudget: [RunKey: Double] = [:]
    for run in runs {
        let setting = run.request.seed(0)
        if costs[setting] == nil {
            // Stored as .some(nil) when the setting cannot be timed: assigning a plain nil would
            // remove the entry, and the lookup below would find none.
            costs[setting] = .some(try? StepCost.measure(run.experiment, preset: setting.preset.rawValue, overrides: setting.orderedOverrides,
                                                   context: RunContext(seed: 0, mnistDirectory: mnistDirectory)))
        }
        if let measured = costs[setting], let cost = measured {
            let seconds = { (units: Double) in cost.seconds(units: units, steps: run.steps, sgdSteps: run.sgdSteps, sgdRuns: run.sgdRuns) }
            atBudget[run.key] = seconds(run.size)
            expected[run.key] = seconds(run.expectedSize)
        }
    }
    return (expected, atBudget)
}

/// "at most ~X if every run spends its whole budget", where that differs from the expected time.
func budgetNote(_ expected: [RunKey: Double], _ atBudget: [RunKey: Double]) -> String? {
    let e = expected.values.reduce(0, +), b = atBudget.values.reduce(0, +)
    return b > e * 1.05 ? "at most ~" + formatDuration(b) + " if every run spends its whole budget" : nil
}

/// `--dry-run`: per figure, its runs and what is left: the size (Euler steps times iterations
/// + 2, the baseline and final evaluations) and the estimated CPU time.
func describePlan(_ plan: FigurePlan, toCompute: [PlannedRun], priors: [RunKey: Double], atBudget: [RunKey: Double],
                  log: (String) -> Void) {
    let pending = Dictionary(toCompute.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    var counted = Set<RunKey>()
    var total = 0.0, cpu = 0.0
    for entry in plan.entries {
        let keys = Set(entry.distinctRuns.map(\.key))
        let left = keys.compactMap { pending[$0] }
        let fresh = left.filter { counted.insert($0.key).inserted }
        let size = fresh.reduce(0) { $0 + $1.size }
        let known = fresh.compactMap { priors[$0.key] }.reduce(0, +)
        total += size
        cpu += known
        let shared = left.count - fresh.count
        var line = "\(entry.figure.id): \(keys.count) runs, \(keys.count - left.count) cached, \(left.count) to compute"
        if !left.isEmpty {
            line += String(format: " (%.3g million Euler steps, ~", size / 1e6) + formatDuration(known) + " CPU"
            line += shared > 0 ? "; \(shared) shared with a figure above)" : ")"
        }
        log(line)
        for run in left.sorted(by: { $0.size > $1.size }) { log("    \(run.request)") }
    }
    let untimed = toCompute.filter { priors[$0.key] == nil }.count
    log(String(format: "dry run: %d runs to compute, %.3g billion Euler steps, ~", counted.count, total / 1e9)
        + formatDuration(cpu) + " CPU (preparation, optimization with L-BFGS at \(Int(LBFGSExpectation.share * 100))% of its budget but at least \(Int(LBFGSExpectation.minimum)) evaluations, describing, and SGD replays"
        + (budgetNote(priors, atBudget).map { "; \($0)" } ?? "") + ")"
        + (untimed > 0 ? "; \(untimed) runs could not be timed" : ""))
}

/// One line over every drawn figure's claims: how many have each status (when both procedures were
/// drawn) and each procedure's verdicts.
func claimSummary(_ report: FiguresReport) -> String {
    let all = report.made.flatMap(\.verdicts)
    var parts: [String] = []
    if all.contains(where: { $0.status != nil }) {
        parts.append(ClaimStatus.allCases.map { s in "\(all.filter { $0.status == s }.count) \(s.rawValue)" }.joined(separator: ", "))
    }
    for procedure in Procedure.allCases {
        let results = all.compactMap { procedure == .paper ? $0.paper : $0.optimum }
        guard !results.isEmpty else { continue }
        let count = { (v: ClaimResult.Verdict) in results.filter { $0.verdict == v }.count }
        parts.append("\(procedure.label): \(count(.pass)) pass, \(count(.fail)) fail, \(count(.paperOnly)) checked on the paper preset only")
    }
    let failing = report.made.filter { $0.verdicts.contains { [$0.paper, $0.optimum].contains { $0?.verdict == .fail } } }.map(\.id)
    return "claims: " + parts.joined(separator: "; ")
        + (failing.isEmpty ? "" : " (failing in \(failing.joined(separator: ", ")); see index.md)")
}

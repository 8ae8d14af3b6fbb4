import Foundation
import Render
import WorkbenchKit

/// `workbench figures`: plan the requested figures, compute the runs not yet cached (this
/// shard's share of them, on `jobs` threads), then draw every figure whose runs are all there
/// and write index.md. Without --shard everything ends drawn; with it only runs are computed.
public func regenerateFigures(registry: Registry, options: FiguresOptions) throws -> FiguresReport {
    let start = Date()
    let log = options.log
    let figures = try FigureCatalog.select(options.only)
    try AtomicFile.prepareDirectory(options.outDirectory)
    let cache = RunCache(directory: (options.outDirectory as NSString).appendingPathComponent("runs"))
    let context = PlanContext(preset: options.preset, experiments: Set(registry.experiments.map(\.name)))
    let plan = try FigurePlan(figures: figures.implemented, registry: registry, context: context,
                              mnistDirectory: options.mnistDirectory)

    var report = FiguresReport()
    report.shard = options.shard
    report.skipped = figures.pending + plan.skipped
    report.runsPlanned = plan.runs.count
    var toCompute: [PlannedRun] = []
    for (position, run) in plan.runs.enumerated() {
        if cache.isComplete(run.key, experiment: run.request.experiment) { report.runsCached += 1; continue }
        if let shard = options.shard, !shard.owns(position: position) { report.runsElsewhere += 1; continue }
        toCompute.append(run)
    }
    let jobs = max(1, options.jobs)
    log("figures (\(options.preset.rawValue) preset): \(plan.entries.count) to draw, \(report.skipped.count) skipped; "
        + "\(plan.runs.count) runs: \(report.runsCached) cached, \(toCompute.count) to compute on \(jobs) job(s)"
        + (options.shard.map { " (shard \($0), \(report.runsElsewhere) left to other shards)" } ?? ""))

    let progress = RunProgress(runs: toCompute, jobs: jobs, log: log)
    let failures = RunScheduler(cache: cache, jobs: jobs, mnistDirectory: options.mnistDirectory)
        .execute(toCompute, progress: progress)
    report.runsComputed = toCompute.count - failures.count

    if let shard = options.shard {
        for (key, error) in failures {
            report.failed.append(.init(id: key.folderName("run"), reason: describe(error)))
        }
        report.seconds = Date().timeIntervalSince(start)
        log("shard \(shard): \(report.runsComputed) runs computed, \(failures.count) failed; run `workbench figures` without --shard to draw")
        return report
    }

    for entry in plan.entries {
        let figureStart = Date()
        let keys = entry.requests.map { plan.keys[$0]! }
        if let bad = keys.first(where: { failures[$0] != nil }) {
            report.failed.append(.init(id: entry.figure.id, reason: "a run failed: \(describe(failures[bad]!))"))
            continue
        }
        do {
            var records: [RunRequest: RunRecord] = [:]
            for (request, key) in zip(entry.requests, keys) where records[request] == nil {
                records[request] = try RunRecord(request: request, folder: cache.folder(key, experiment: request.experiment))
            }
            let inputs = FigureInputs(context: context, mnistDirectory: options.mnistDirectory, records: records)
            let files = try FigureWriter.write(entry.figure, inputs: inputs, to: options.outDirectory,
                                               formats: options.formats, preset: options.preset)
            let seconds = Date().timeIntervalSince(figureStart) + records.values.reduce(0) { $0 + $1.seconds }
            report.made.append(.init(id: entry.figure.id, files: files, seconds: seconds))
            log("\(entry.figure.id): wrote \(files.joined(separator: ", "))")
        } catch {
            report.failed.append(.init(id: entry.figure.id, reason: describe(error)))
            log("\(entry.figure.id): FAILED: \(describe(error))")
        }
    }
    report.seconds = Date().timeIntervalSince(start)
    try IndexWriter.write(report: report, plan: plan, cache: cache, context: context, options: options)
    for s in report.skipped { log("\(s.id): skipped: \(s.reason)") }
    for f in report.failed { log("\(f.id): failed: \(f.reason)") }
    log("figures: \(report.made.count) made, \(report.skipped.count) skipped, \(report.failed.count) failed in \(formatDuration(report.seconds)); index: \((options.outDirectory as NSString).appendingPathComponent("index.md"))")
    return report
}

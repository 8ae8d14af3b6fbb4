import Foundation
import WorkbenchKit

extension RunCache {
    /// Why a run that is not complete is not: claimed by a live process (which), a stale claim,
    /// damaged, or simply missing. For `--status` and `--no-compute`.
    func whyNotCached(_ run: PlannedRun, claims: RunClaims) -> String {
        if case .damaged(let reason) = state(run.key, experiment: run.request.experiment.text) { return "damaged: \(reason)" }
        guard let holder = claims.holder(folder(run.key, experiment: run.request.experiment.text)) else { return "missing" }
        return claims.isLive(holder)
            ? "claimed by \(holder), heartbeat \(formatDuration(claims.age(holder))) ago"
            : "missing; stale claim of \(holder), no heartbeat for \(formatDuration(claims.age(holder)))"
    }
}

/// `--status`: per figure, how many of its runs are cached, claimed by a running process (by
/// which) or missing, each run not cached listed beneath; then one line over all runs, naming
/// the processes computing them. Reads only: it neither computes, times nor writes anything.
func describeStatus(_ plan: FigurePlan, cache: RunCache, claims: RunClaims, report: inout FiguresReport,
                    log: (String) -> Void) {
    var why: [RunKey: String] = [:]
    var holders: [String: Int] = [:]
    for run in plan.runs {
        if cache.state(run.key, experiment: run.request.experiment.text) == .complete { report.runsCached += 1; continue }
        let reason = cache.whyNotCached(run, claims: claims)
        why[run.key] = reason
        if let holder = claims.holder(cache.folder(run.key, experiment: run.request.experiment.text)), claims.isLive(holder) {
            holders["\(holder)", default: 0] += 1
        }
    }
    report.runsNotCached = why.count
    var ready = 0
    for entry in plan.entries {
        let runs = Dictionary(entry.distinctRuns.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        let left = runs.filter { why[$0.key] != nil }.sorted { "\($0.value)" < "\($1.value)" }
        let claimed = left.filter { why[$0.key]!.hasPrefix("claimed") }.count
        if left.isEmpty { ready += 1 }
        log("\(entry.figure.id): \(runs.count) runs: \(runs.count - left.count) cached, \(claimed) claimed, \(left.count - claimed) missing")
        for (key, request) in left { log("    \(request): \(why[key]!)") }
    }
    for s in report.skipped { log("\(s.id): skipped: \(s.reason)") }
    let computing = holders.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    log("status: \(plan.runs.count) runs: \(report.runsCached) cached, \(holders.values.reduce(0, +)) claimed"
        + (computing.isEmpty ? "" : " (\(computing.joined(separator: ", ")))")
        + ", \(why.count - holders.values.reduce(0, +)) missing; \(ready) of \(plan.entries.count) figure(s) ready to draw"
        + (report.skipped.isEmpty ? "" : ", \(report.skipped.count) skipped"))
}

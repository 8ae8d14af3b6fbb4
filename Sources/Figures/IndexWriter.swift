import Foundation
import WorkbenchKit

/// index.md in the output folder: each figure with its caption-like description, the
/// parameters it was made with and the run folders it was drawn from; then what was skipped.
enum IndexWriter {
    static func write(report: FiguresReport, plan: FigurePlan, cache: RunCache, context: PlanContext,
                      options: FiguresOptions) throws {
        var md = "# Paper figures (preset `\(context.preset.rawValue)`)\n\n"
        md += "Made by `workbench figures` \(workbenchVersion): \(report.made.count) figure(s) drawn, "
            + "\(report.skipped.count) skipped, \(report.failed.count) failed; \(report.runsPlanned) runs "
            + "(\(report.runsCached) reused from `runs/`). Each figure's numbers are in `<figure>_data.csv`; "
            + "each run's parameters in `runs/<run>/result.json`.\n\n"
        let made = Dictionary(uniqueKeysWithValues: report.made.map { ($0.id, $0) })
        for entry in plan.entries {
            let f = entry.figure
            md += "## Figure \(f.number): \(f.title)\n\n"
            if let m = made[f.id] {
                if let image = m.files.first { md += "![\(f.id)](\(image))\n\n" }
                md += "Files: " + m.files.map { "`\($0)`" }.joined(separator: ", ")
                    + String(format: " (runs + drawing %.1f s of compute)\n\n", m.seconds)
            } else if let failure = report.failed.first(where: { $0.id == f.id }) {
                md += "**Not made:** \(failure.reason)\n\n"
            }
            md += f.caption + "\n\n"
            let notes = f.parameterNotes(context)
            if !notes.isEmpty { md += notes.map { "- \($0)\n" }.joined() + "\n" }
            var unique: [RunRequest] = []
            for r in entry.requests where !unique.contains(r) { unique.append(r) }
            if !unique.isEmpty {
                md += "<details><summary>\(unique.count) run(s)</summary>\n\n"
                for r in unique {
                    let folder = plan.keys[r]!.folderName(r.experiment)
                    md += "- `\(r)` -> [`runs/\(folder)`](runs/\(folder)/result.json)\n"
                }
                md += "\n</details>\n\n"
            }
        }
        if !report.skipped.isEmpty {
            md += "## Skipped\n\n" + report.skipped.map { "- **\($0.id)**: \($0.reason)\n" }.joined() + "\n"
        }
        try AtomicFile.write(md, to: (options.outDirectory as NSString).appendingPathComponent("index.md"))
    }
}

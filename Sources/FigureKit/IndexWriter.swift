import Foundation
import WorkbenchKit

/// index.md in the output folder: each figure with its caption-like description, the
/// parameters it was made with and the run folders it was drawn from; then what was skipped.
/// Each drawn figure's section is kept in `.sections/<id>.md`, so a later `--only` call updates
/// its figures and index.md still lists every figure in the folder.
enum IndexWriter {
    static func write(report: FiguresReport, plan: FigurePlan, figures: FigureSet, context: PlanContext,
                      options: FiguresOptions) throws {
        let out = options.outDirectory as NSString
        let sections = out.appendingPathComponent(".sections")
        try AtomicFile.prepareDirectory(sections)
        let made = Dictionary(uniqueKeysWithValues: report.made.map { ($0.id, $0) })
        for entry in plan.entries {
            let text = section(entry, made: made[entry.figure.id], failure: report.failed.first { $0.id == entry.figure.id },
                               plan: plan, context: context)
            try AtomicFile.write(text, to: (sections as NSString).appendingPathComponent("\(entry.figure.id).md"))
        }
        var body = ""
        var count = 0
        for figure in figures.figures {
            let path = (sections as NSString).appendingPathComponent("\(figure.id).md")
            if let data = FileManager.default.contents(atPath: path) {
                body += String(decoding: data, as: UTF8.self)
                count += 1
            }
        }
        var md = "# Figures: the paper's and the plugins'\n\n"
        md += "Made by `workbench figures` \(workbenchVersion). Last call (preset `\(context.preset.rawValue)`): "
            + "\(report.made.count) figure(s) drawn, \(report.skipped.count) skipped, \(report.failed.count) failed; "
            + "\(report.runsPlanned) runs (\(report.runsCached) reused from `runs/`). \(count) figure(s) in this folder. "
            + "Each figure's numbers are in `<figure>_data.csv`; each run's parameters in `runs/<run>/result.json`.\n\n"
        md += "Caption claims checked in the last call (PASS/FAIL per figure below): " + claimSummary(report) + ".\n\n"
        md += body
        if !report.skipped.isEmpty {
            md += "## Skipped in the last call\n\n" + report.skipped.map { "- **\($0.id)**: \($0.reason)\n" }.joined() + "\n"
        }
        try AtomicFile.write(md, to: out.appendingPathComponent("index.md"))
    }

    static func section(_ entry: FigurePlan.Entry, made: FiguresReport.Made?, failure: FiguresReport.NotMade?,
                        plan: FigurePlan, context: PlanContext) -> String {
        let f = entry.figure
        var md = "## \(f.heading): \(f.title)\n\n"
        if let m = made {
            if let image = m.files.first { md += "![\(f.id)](\(image))\n\n" }
            md += "Files: " + m.files.map { "`\($0)`" }.joined(separator: ", ")
                + String(format: "; preset `%@`; runs + drawing %.1f s of compute\n\n", context.preset.rawValue, m.seconds)
            if !m.controlBelowBaseline.isEmpty {
                md += "**Warning:** \(m.controlBelowBaseline.count) run(s) end with a lower value than their baseline "
                    + "control (marked below): the optimisation did not reach the baseline's value.\n\n"
            }
        } else if let failure {
            md += "**Not made:** \(failure.reason)\n\n"
        }
        md += f.caption + "\n\n"
        if let claims = made?.claims, !claims.isEmpty {
            md += "Claims, each with where the paper states it, checked on the numbers in `\(f.id)_data.csv`:\n\n"
            md += claims.map { "- **\($0.verdict.rawValue)** \($0.statement) (*\($0.citation)*): \($0.measured)\n" }.joined() + "\n"
        }
        let notes = f.parameterNotes(context) + (entry.optimiserNote.map { [$0] } ?? []) + (made?.versusPaper.map { [$0.summary] } ?? [])
        if !notes.isEmpty { md += notes.map { "- \($0)\n" }.joined() + "\n" }
        var unique: [RunRequest] = []
        for r in entry.requests where !unique.contains(r) { unique.append(r) }
        if !unique.isEmpty {
            md += "<details><summary>\(unique.count) run(s)</summary>\n\n"
            let below = Set(made?.controlBelowBaseline ?? [])
            for r in unique {
                let folder = entry.keys[r]!.folderName(r.experiment.text)
                md += "- `\(r)` -> [`runs/\(folder)`](runs/\(folder)/result.json)"
                    + (below.contains(r) ? " **(control value below the baseline's)**" : "") + "\n"
            }
            md += "\n</details>\n\n"
        }
        return md
    }
}

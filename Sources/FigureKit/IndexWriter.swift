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
            + "Each figure's numbers are in `<figure>_data.csv` (paper's procedure) and `<figure>_optimum_data.csv` (optimum); each run's parameters in `runs/<run>/result.json`.\n\n"
        md += "Procedures: " + options.procedures.map { p in
                p == .paper ? "the **paper's procedure** (every run with its experiment's own optimizer, as Tables 1-5; `<figure>.png`)"
                    : "the **converged optimum** (every run with an optimizer parameter under L-BFGS; `<figure>_optimum.png`; a run is converged when its "
                    + "final projected gradient is at most \(Measure.text(Convergence.tolerance)) of its start)"
            }.joined(separator: " and ") + "; runs without an optimizer parameter are shared.\n\n"
        md += "Caption claims checked in the last call (per figure below): " + claimSummary(report).dropFirst("claims: ".count) + ".\n\n"
        if options.procedures.count == 2 { md += "Statuses: " + ClaimStatus.rule + ".\n\n" }
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
            for drawing in m.drawings {
                if let image = drawing.files.first { md += "![\(f.id), \(drawing.procedure.label)](\(image))\n\n" }
            }
            md += "Files: " + m.drawings.map { d in d.files.map { "`\($0)`" }.joined(separator: ", ") + " (\(d.procedure.label))" }.joined(separator: "; ")
                + String(format: "; preset `%@`; runs + drawing %.1f s of compute\n\n", context.preset.rawValue, m.seconds)
            if !m.controlBelowBaseline.isEmpty {
                md += "**Warning:** \(m.controlBelowBaseline.count) run(s) end with a lower value than their baseline "
                    + "control (marked below): the optimization did not reach the baseline's value.\n\n"
            }
            md += statusLine(m) + "\n\n"
        } else if let failure {
            md += "**Not made:** \(failure.reason)\n\n"
        }
        md += f.caption + "\n\n"
        if let verdicts = made?.verdicts, !verdicts.isEmpty {
            md += "Claims, each with where the paper states it, checked on the numbers in "
                + made!.drawings.map { "`\($0.procedure.fileStem(f.id))_data.csv`" }.joined(separator: " and ") + ":\n\n"
            md += verdicts.map(\.markdown).joined() + "\n"
        }
        var notes = f.parameterNotes(context)
        if let m = made, !m.convergence.isEmpty {
            let unconverged = m.convergence.filter { !$0.converged }
            notes.append("Optimum runs (L-BFGS): \(m.convergence.count - unconverged.count) of \(m.convergence.count) converged"
                + (unconverged.isEmpty ? "" : "; **not converged** (final projected gradient relative to its start): "
                    + unconverged.map(\.text).joined(separator: "; ")))
        }
        if let comparison = made?.versusPaper { notes.append(comparison.summary) }
        if !notes.isEmpty { md += notes.map { "- \($0)\n" }.joined() + "\n" }
        let runs = entry.distinctRuns
        if !runs.isEmpty {
            md += "<details><summary>\(runs.count) run(s)</summary>\n\n"
            let below = Set((made?.controlBelowBaseline ?? []).map { "\($0)" })
            for (key, request, name) in runs {
                let folder = key.folderName(request.experiment.text)
                md += "- `\(name)` -> [`runs/\(folder)`](runs/\(folder)/result.json)"
                    + (below.contains(name) ? " **(control value below the baseline's)**" : "") + "\n"
            }
            md += "\n</details>\n\n"
        }
        return md
    }

    /// The caption's one-line status summary: claims per status, and whether the optimum converged.
    static func statusLine(_ m: FiguresReport.Made) -> String {
        let statuses = m.verdicts.compactMap(\.status)
        var parts: [String] = []
        if !statuses.isEmpty {
            parts.append("\(statuses.count) claim(s): " + ClaimStatus.allCases.compactMap { s in
                let n = statuses.filter { $0 == s }.count
                return n > 0 ? "\(n) \(s.rawValue)" : nil
            }.joined(separator: ", "))
        } else {
            for d in m.drawings {
                let c = { (v: ClaimResult.Verdict) in d.claims.filter { $0.verdict == v }.count }
                parts.append("\(d.procedure.label): \(c(.pass)) pass, \(c(.fail)) fail, \(c(.paperOnly)) paper preset only")
            }
        }
        if !m.convergence.isEmpty {
            let n = m.convergence.filter { !$0.converged }.count
            parts.append(n == 0 ? "optimum converged (\(m.convergence.count) L-BFGS run(s))" : "optimum **not converged** in \(n) of \(m.convergence.count) L-BFGS run(s)")
        }
        return "**Status:** " + parts.joined(separator: "; ")
    }
}

import ArgumentParser
import FigureKit
import Figures
import Foundation
import PluginList
import Render
import WorkbenchKit

struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Regenerate the paper's figures (Figs. 2-21), and the plugins' own, from cached or fresh runs.",
        discussion: """
            Runs are cached in OUT/runs/<experiment>-<hash> by their parameters and the code version, so \
            redrawing is instant and an interrupted regeneration resumes. A run is computed by one process at a \
            time (a claim file in its folder), so processes may share OUT. With --shard K/N (or in a SLURM range \
            array job) only the K-th slice of the runs is computed; a final call without --shard (--no-compute after \
            an array, docs/cluster.md) draws. Figures needing \
            MNIST are skipped with the remedy when no MNIST folder is found. Exit status 0 only when every \
            requested figure was made.
            """)

    @Option(name: .long, help: "Parameter preset: quick (minutes) or paper (Tables 1-5).")
    var preset: String = "quick"

    @Option(name: .long, help: ArgumentHelp("Comma-separated figures to make, e.g. fig2,fig5 or a plugin figure's id (default: all).", valueName: "figs"))
    var only: String?

    @Option(name: .long, help: "Output directory for the figures, index.md and the run cache.")
    var out: String = "figures"

    @Option(name: .long, help: "Directory with MNIST IDX files (raw or .gz). Default: $MNIST_DIR, then the bundled copy.")
    var mnist: String?

    @Option(name: .long, help: "Runs computed in parallel (default: the cores this process may use; capped at those and at what the memory budget allows, with a line saying so).")
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Compute only the K-th of N slices of the runs (default in a SLURM range array: from SLURM_ARRAY_TASK_ID, _MIN, _MAX, _STEP).", valueName: "K/N"))
    var shard: String?

    @Option(name: .long, help: ArgumentHelp("Image format(s): png, svg, pdf, comma-separated.", valueName: "format"))
    var format: String = "png"

    @Flag(name: .long, help: "List each figure's runs (cached or left) with the Euler steps and estimated CPU time left, and stop.")
    var dryRun = false

    @Flag(name: .long, help: "Report per figure which runs are cached, claimed by a running process (which) or missing, and stop; exit 0 only when every run is cached.")
    var status = false

    @Flag(name: .long, help: "Compute nothing: draw the figures whose runs are all cached, fail the others listing their missing runs (the merge after a cluster array).")
    var noCompute = false

    @Option(name: .long, help: ArgumentHelp("Procedure(s) each figure is computed and drawn under: paper (every run with its experiment's own optimizer, exactly Tables 1-5; fig<N>.png), optimum (every run with an optimizer parameter under L-BFGS, each certified converged or reported not; fig<N>_optimum.png), or both, where index.md gives each claim both verdicts and a status.", valueName: "both|paper|optimum"))
    var procedure: String = "both"

    func run() throws {
        var succeeded = false
        try reportingErrors {
            guard let p = Preset(rawValue: preset) else {
                throw WorkbenchError("--preset '\(preset)': expected quick or paper")
            }
            if status && (dryRun || noCompute) {
                throw WorkbenchError("--status with --\(dryRun ? "dry-run" : "no-compute"): expected one of them; --status only reports")
            }
            let formats = try format.split(separator: ",").map { name -> ImageFormat in
                guard let f = ImageFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw WorkbenchError("--format '\(name)': expected png, svg or pdf")
                }
                return f
            }
            guard !formats.isEmpty else { throw WorkbenchError("--format: expected png, svg or pdf") }
            // A report or a merge reads the cache whole, whatever array it runs in.
            let slice = status || noCompute ? try shard.map { try Shard(parsing: $0) }
                : try shard.map { try Shard(parsing: $0) } ?? Shard.fromSLURM(ProcessInfo.processInfo.environment)
            if noCompute, slice != nil { throw WorkbenchError("--no-compute with --shard: a shard only computes; drop one of them") }
            // Empty entries are kept so that `--only ''` or `--only ,` is refused rather than drawing nothing.
            let only = self.only.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let procedures: [Procedure]
            switch procedure {
            case "both": procedures = Procedure.allCases
            case let name:
                guard let one = Procedure(rawValue: name) else {
                    throw WorkbenchError("--procedure '\(name)': expected both, paper or optimum")
                }
                procedures = [one]
            }
            let log = { (line: String) in FileHandle.standardError.write(Data((line + "\n").utf8)) }
            let (budget, origin) = try MemoryBudget.resolve()
            let (jobs, capped) = try JobCount.resolve(requested: jobs, cores: JobCount.availableCores(), budget: budget)
            if let capped { log(capped) }
            var options = FiguresOptions(
                preset: p, only: only, outDirectory: out, mnistDirectory: resolveMNISTDirectory(mnist), jobs: jobs,
                shard: slice, formats: formats, dryRun: dryRun, log: log)
            options.procedures = procedures
            options.status = status
            options.noCompute = noCompute
            // The budget bounds the process: the --jobs runs in flight share it. Set once, before
            // any run starts, where every run reads it.
            let share = budget.shared(by: jobs)
            if !status, !noCompute {
                log("memory budget \(formatBytes(budget.bytes)) (\(origin))" + (jobs > 1 ? ", \(formatBytes(share.bytes)) for each of \(jobs) runs at once" : ""))
            }
            setenv(MemoryBudget.environmentVariable, String(share.bytes), 1)
            let report = try regenerateFigures(registry: Plugins.registry, figures: try .paper(with: Plugins.all), options: options)
            succeeded = dryRun ? report.nothingSkipped : report.succeeded
        }
        if !succeeded { throw ExitCode(1) }
    }
}

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot", abstract: "Plot columns of a CSV file (e.g. a run's series.csv) against another column.")

    @Argument(help: "CSV file with a header row.")
    var csv: String

    @Option(name: .long, help: "Column for the x axis.")
    var x: String

    @Option(name: .long, help: ArgumentHelp("Column(s) for y, comma-separated.", valueName: "COL[,COL...]"))
    var y: String

    @Flag(name: .long, help: "Logarithmic y axis.")
    var logy = false

    @Option(name: .long, help: "Output file (.png, .svg or .pdf); its data CSV is written beside it.")
    var out: String

    func run() throws {
        try reportingErrors {
            let columns = y.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            do {
                try quickPlot(csv: csv, x: x, y: columns, logY: logy, out: out)
            } catch let e as RenderError {
                throw WorkbenchError(e.message)
            }
        }
    }
}

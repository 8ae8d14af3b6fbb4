import Render
import WorkbenchKit

/// What a figure's plan may depend on: the preset and which experiments this build has
/// (a figure may add panels when an optional experiment is present).
public struct PlanContext {
    public let preset: Preset
    public let experiments: Set<ExperimentName>
    public init(preset: Preset, experiments: Set<ExperimentName>) { self.preset = preset; self.experiments = experiments }
    public func has(_ experiment: ExperimentName) -> Bool { experiments.contains(experiment) }
}

/// A figure `workbench figures` draws: the runs it needs and how it is drawn from them. A figure
/// holds no science: runs come from the registry's experiments, numbers from their result files.
/// The paper's figures are `PaperFigure`s; a plugin contributes its own (`WorkbenchPlugin.figures`).
public protocol WorkbenchFigure {
    /// The name used by --only and for the files: "fig2" for the paper's, a plugin's own otherwise
    /// (lower-case letters, digits and dashes, not starting with "fig" and a digit).
    var id: String { get }
    /// How the figure is headed in its image and in index.md: "Figure 2", or the plugin figure's id.
    var heading: String { get }
    /// One line: what the figure is about.
    var title: String { get }
    /// Caption-like description, panel by panel, for index.md.
    var caption: String { get }
    /// Experiments without which the figure cannot be drawn at all.
    var requiredExperiments: [ExperimentName] { get }
    /// Whether the figure reads MNIST itself (beyond what its runs need).
    var readsMNIST: Bool { get }
    /// The runs it is drawn from (default: one of each required experiment, at the preset).
    func runs(_ context: PlanContext) -> [RunRequest]
    /// How the runs were chosen (sweeps, seeds), for index.md.
    func parameterNotes(_ context: PlanContext) -> [String]
    func draw(_ inputs: FigureInputs) throws -> Figure
    /// The findings its caption and the paper's text state, checked on the drawn numbers.
    func claims(_ context: PlanContext) -> [Claim]
}

public extension WorkbenchFigure {
    var heading: String { id }
    var readsMNIST: Bool { false }
    func runs(_ context: PlanContext) -> [RunRequest] { requiredExperiments.map { RunRequest($0, preset: context.preset) } }
    func parameterNotes(_ context: PlanContext) -> [String] { [] }
    func claims(_ context: PlanContext) -> [Claim] { [] }
}

/// One of the paper's figures, numbered as in the paper.
public protocol PaperFigure: WorkbenchFigure {
    /// The paper's figure number.
    var number: Int { get }
}

public extension PaperFigure {
    var id: String { "fig\(number)" }
    var heading: String { "Figure \(number)" }
}

/// What a figure is drawn from: its finished runs and, when it reads data itself, MNIST.
public struct FigureInputs {
    public let context: PlanContext
    public let mnistDirectory: String?
    let records: [RunRequest: RunRecord]

    public var preset: Preset { context.preset }

    public func run(_ request: RunRequest) throws -> RunRecord {
        guard let r = records[request] else { throw WorkbenchError("internal: run \(request) was not planned for this figure") }
        return r
    }

    public func runs(_ requests: [RunRequest]) throws -> [RunRecord] { try requests.map(run) }

    public func requireMNIST() throws -> String {
        guard let d = mnistDirectory else { throw WorkbenchError("this figure needs MNIST and the bundled copy is missing: pass --mnist DIR or set MNIST_DIR") }
        return d
    }
}

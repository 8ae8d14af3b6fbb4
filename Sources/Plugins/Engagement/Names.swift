import WorkbenchKit

/// What this plugin's experiments are called and the series.csv columns they write beyond the
/// runner's (`RunColumns`), for the figures.
public enum EngagementNames {
    public static let taskEngagement = ExperimentName("task-engagement")
    public static let categoryEngagement = ExperimentName("category-engagement")
    public static let categoryEngagementSemantic = ExperimentName("category-engagement-semantic")
    public static let categoryNeuronBasis = ExperimentName("category-neuron-basis")
    public static let categoryNeuronBasisSemantic = ExperimentName("category-neuron-basis-semantic")
    public static let classProportion = ExperimentName("class-proportion")
    public static let categoryEngagementNonLinear = ExperimentName("category-engagement-nonlinear")

    /// Task engagement psi_tau(t), one column per task pair ("psi_(0,1)").
    public static let taskEngagementCoefficients = ColumnFamily(prefix: "psi_")
    /// Category engagement phi_c(t), one column per class or hierarchy node ("phi_3", "phi_l2_1").
    public static let categoryCoefficients = ColumnFamily(prefix: "phi_")
    /// Neuron-basis gains nu_c(t), one column per output neuron.
    public static let neuronBasisCoefficients = ColumnFamily(prefix: "nu_")
    /// result.json: the task pairs' names, in the order of `taskEngagementCoefficients`.
    public static let tasks = ResultKey("tasks")
    /// Task engagement: each task's share of the loss, one column per task ("task_loss_0").
    public static let taskLosses = ColumnFamily(prefix: "task_loss_")

    /// class-proportion: the loss on balanced classes and on each step's batch composition while
    /// training on the class proportions, and per class (`classLosses`).
    public static let balancedLoss = TrajectoryColumn("loss_balanced")
    public static let curriculumLoss = TrajectoryColumn("loss_curriculum")

    /// class-proportion's SGD replay: the exact loss on balanced classes, on the batch
    /// composition of each step, and per class ("class_loss_3").
    public static let sgdBalanced = SGDColumns("balanced")
    public static let sgdCurriculum = SGDColumns("curriculum")
    public static let classLosses = ColumnFamily(prefix: "class_loss_")
}

public extension EngagementNames {
    /// The member name of the semantic hierarchy's output `index`, a node of `level` ("l2_1").
    static func hierarchyMember(level: Int, index: Int) -> String { "l\(level)_\(index)" }

    /// The level of a semantic hierarchy node from its member name ("l2_1" -> 2), nil for a class
    /// of a flat dataset (a digit).
    static func hierarchyLevel(ofMember member: String) -> Int? {
        guard member.hasPrefix("l") else { return nil }
        return Int(member.dropFirst().prefix { $0.isNumber })
    }
}

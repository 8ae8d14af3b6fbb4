import WorkbenchKit

/// The experiments this plugin registers (paper Sec. 5, App. H.2, H.3, K.4, K.5, K.6.2).
public enum EngagementPlugin: WorkbenchPlugin {
    public static let experiments: [any Experiment] = [
        TaskEngagementExperiment(),
        CategoryEngagementExperiment(.mnist, .engagement),
        CategoryEngagementExperiment(.semantic, .engagement),
        CategoryEngagementExperiment(.mnist, .neuronBasis),
        CategoryEngagementExperiment(.semantic, .neuronBasis),
        ClassProportionExperiment(),
        NonLinearCategoryExperiment(),
    ]
}

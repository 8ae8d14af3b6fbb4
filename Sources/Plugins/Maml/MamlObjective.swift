import WorkbenchKit

/// Which losses the multi-step MAML meta-objective sums (App. F.1).
///
/// - `afterUpdates`: eq. 26 as printed, V = -sum_{i=1}^{K} dt mean_tasks L(t_i): only the losses
///   after the updates count, so K = 1 is exactly standard MAML (eq. 27).
/// - `withInitialLoss`: V = -sum_{i=0}^{K} dt mean_tasks L(t_i), the authors' code (their "mask first
///   step" is computed and never applied). The i = 0 term charges the initialization itself, so
///   every K also keeps the shared starting loss low. The paper's MAML figures (Figs. 3a-b, 6, 7)
///   were made with it; NOTES.md gives the measured difference.
public enum MamlObjective: String, ParameterChoice {
    case afterUpdates = "after-updates"
    case withInitialLoss = "with-initial-loss"

    /// The first Euler state whose loss enters V (ParallelDynamics' firstScoredStep).
    var firstScoredStep: Int { self == .afterUpdates ? 1 : 0 }
}

import Foundation

/// How the engine keeps the forward trajectory for the adjoint sweep.
public enum TrajectoryStorage: Equatable, CustomStringConvertible {
    /// Every state w_0 ... w_{N-1} (and the model's tape): one forward pass per gradient.
    case stored
    /// Every `segment`-th state only; the backward sweep recomputes each segment forward from its
    /// checkpoint before running the adjoint through it (uniform checkpointing, ~sqrt(N) memory).
    /// Costs one more forward pass per gradient; the gradient is bit-identical.
    case checkpointed(segment: Int)

    public var description: String {
        switch self {
        case .stored: return "stored trajectory"
        case .checkpointed(let k): return "checkpointed every \(k) steps"
        }
    }
}

/// The bytes a run of one engine needs, worked out before anything is allocated.
public struct MemoryPlan: Equatable {
    public var storage: TrajectoryStorage
    /// The copies of the control a run holds (start, baseline, iterate, and Adam's gradient and moments).
    public var controlBytes: Int
    /// The engine's per-step arrays (losses, costs, discount weights), fixed controls and
    /// state-sized buffers, and the baseline's and control's `Trajectory` (losses, costs, w_0, w_{N-1}).
    public var perStepBytes: Int
    /// The stored trajectory and tape, or the checkpoints plus one recomputed segment.
    public var trajectoryBytes: Int
    public var totalBytes: Int { bytesSum(controlBytes, perStepBytes, trajectoryBytes) }

    /// Copies of the control vector a run may hold at once: the optimizer's start, the baseline,
    /// the iterate, and for Adam the gradient and three moment vectors; the projected L-BFGS holds
    /// the most: iterate, gradient, direction, trial point and gradient (twice, while lengthening
    /// its first step) and its 5 (s, y) pairs, 17 besides the start and the baseline.
    public static let controlCopies = 20

    /// Sizes of one engine's problem.
    public struct Shape: Equatable {
        public var steps: Int, stateCount: Int, controlCount: Int, tapeCount: Int
        public var parameterCount: Int, fixedControlCount: Int
        /// Copies of the control the run holds (`ControlProblem.controlCopies`).
        public var controlCopies: Int = MemoryPlan.controlCopies
    }

    /// Bytes of the trajectory kept for the adjoint under `storage`.
    public static func trajectoryBytes(_ s: Shape, _ storage: TrajectoryStorage) -> Int {
        let perState = s.stateCount + s.tapeCount
        switch storage {
        case .stored:
            return bytesProduct(s.steps, perState, 8)
        case .checkpointed(let k):
            let checkpoints = (s.steps + k - 1) / k
            return bytesSum(bytesProduct(checkpoints, s.stateCount, 8), bytesProduct(k, perState, 8))
        }
    }

    /// The segment length that minimizes checkpoints + one segment: k = sqrt(N n / (n + tape)).
    public static func smallestSegment(_ s: Shape) -> Int {
        let n = Double(max(s.stateCount, 1)), perState = Double(max(s.stateCount + s.tapeCount, 1))
        let k = (Double(s.steps) * n / perState).squareRoot().rounded()
        return min(max(Int(k), 1), s.steps)
    }

    /// Stored when it fits in `budget`, else checkpointed with the smallest footprint; `fits` is
    /// false when not even that fits.
    public static func choose(_ s: Shape, budget: MemoryBudget) -> (plan: MemoryPlan, fits: Bool) {
        let stored = forced(s, .stored)
        if stored.totalBytes <= budget.bytes { return (stored, true) }
        let checkpointed = forced(s, .checkpointed(segment: smallestSegment(s)))
        return (checkpointed, checkpointed.totalBytes <= budget.bytes)
    }

    /// The plan for a given storage, whatever the budget.
    public static func forced(_ s: Shape, _ storage: TrajectoryStorage) -> MemoryPlan {
        MemoryPlan(storage: storage, controlBytes: bytesProduct(s.parameterCount, 8, s.controlCopies),
                   perStepBytes: bytesSum(bytesProduct(s.steps, 3 + 2 * 2, 8), bytesProduct(s.fixedControlCount, 8),
                                          bytesProduct(s.stateCount, 8, 7 + 2 * 2)),
                   trajectoryBytes: trajectoryBytes(s, storage))
    }

    /// What a refused plan needs, part by part, for the one-line error.
    public func breakdown(_ s: Shape) -> String {
        var parts: [String] = []
        if controlBytes > 0 {
            parts.append("control \(s.steps) steps x \(s.controlCount) = \(s.parameterCount) doubles, up to \(s.controlCopies) copies: \(formatBytes(controlBytes))")
        }
        parts.append("trajectory (\(storage)) of states of \(s.stateCount) doubles: \(formatBytes(trajectoryBytes))")
        return parts.joined(separator: "; ")
    }
}

/// A run that does not fit in the memory budget even with a checkpointed trajectory.
public struct MemoryShortfall: Error {
    public var shape: MemoryPlan.Shape
    public var plan: MemoryPlan
    public var budget: MemoryBudget

    /// One line naming the parameters that set the size (e.g. "steps=10000000, hidden=10000").
    public func message(parameters: String) -> String {
        let names = parameters.split(separator: ",").compactMap { $0.split(separator: "=").first?.trimmingCharacters(in: .whitespaces) }
        let lower = names.isEmpty ? "the problem's size" : names.joined(separator: " or ")
        return "\(parameters.isEmpty ? "this run" : parameters): needs \(formatBytes(plan.totalBytes)) (\(plan.breakdown(shape))), more than the memory budget of \(budget); lower \(lower), or raise \(MemoryBudget.environmentVariable)"
    }
}

/// The gradient check of one experiment as `workbench gradcheck` and the registry-wide test run it.
public extension Experiment {
    /// The adjoint dV/dg of the run `p` prepares against finite differences of V, at its initial
    /// control moved by 0.05 N(0, 1) per entry (seeded by the context): away from a symmetric
    /// baseline, so that every term of the pullback counts.
    func gradientCheck(_ p: ParameterValues, context: RunContext, directions: Int = 6,
                       epsilon: Double? = nil) throws -> (report: GradientCheckReport, parameterCount: Int) {
        let prepared = try prepare(p, context: context)
        var rng = SeededGenerator(seed: context.seed, stream: 99)
        let theta = prepared.initialControl.map { $0 + 0.05 * rng.normal() }
        let report = checkGradient(engine: prepared.engine, at: theta, directions: directions, epsilon: epsilon)
        return (report, prepared.engine.parameterCount)
    }
}

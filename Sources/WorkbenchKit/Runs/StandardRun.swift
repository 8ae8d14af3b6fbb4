/// The run most experiments prepare, so a plugin's `prepare` states only what is its own.
public extension StandardParameters {
    /// A run of `engine` whose control starts at `start` everywhere, optimized as `p` says
    /// (`optimizer(p)`, which checks lower <= upper), with the experiment's columns and results.
    static func run(_ p: ParameterValues, engine: any ValueEngine, start: Double = 0,
                    describe: @escaping (_ trajectory: Trajectory, _ baseline: Trajectory) -> [SeriesColumn] = { _, _ in [] },
                    extraResults: @escaping (_ baseline: Trajectory, _ control: Trajectory) -> [String: Any] = { _, _ in [:] })
        throws -> PreparedRun {
        PreparedRun(engine: engine, initialControl: [Double](repeating: start, count: engine.parameterCount),
                    optimizer: try optimizer(p), describe: describe, extraResults: extraResults)
    }
}

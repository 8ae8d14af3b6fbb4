import Datasets
import WorkbenchKit

/// The largest relative error of an experiment's adjoint gradient against finite differences of V
/// (`checkGradient`), resolved at `preset` with `overrides`, at a control `perturbation` x U(0, 1)
/// above its initial control, away from the baseline so that every term of the pullback counts.
/// MNIST, when the experiment reads it, is the bundled copy.
public func gradientError(_ experiment: any Experiment, preset: String = "quick", overrides: [(String, String)] = [],
                          seed: UInt64 = 1, perturbation: Double = 0.5) throws -> Double {
    let p = try experiment.resolve(preset: preset, overrides: overrides)
    let mnist = experiment.needsMNIST(p) ? try bundledMNISTDirectory() : nil
    let run = try experiment.prepare(p, context: RunContext(seed: seed, mnistDirectory: mnist))
    var rng = SeededGenerator(seed: seed + 1)
    let theta = run.initialControl.map { $0 + perturbation * rng.uniform() }
    return checkGradient(engine: run.engine, at: theta).maxRelativeError
}

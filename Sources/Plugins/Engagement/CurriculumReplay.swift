import Datasets
import WorkbenchKit

/// The class-proportion experiment as the paper ran it (App. H.3 eq. 86, Fig. 4l-m): the plain
/// network (no control hooks) trained by SGD (`simulateSGD`) on MNIST batches whose class
/// composition at step i is b_c = phi_c(t_i) B / C. Sum_c phi_c is only held near C by the cost,
/// so the counts are phi_c / sum phi times B, rounded by largest remainders (ties rotated with the
/// step) to keep every batch at size B. With phi = 1 this is the balanced "Uniform" batch.
///
/// At every step the SGD weights are also measured exactly on each class's statistics: the
/// per-class losses L_c (Fig. 4m), their mean (loss on a balanced batch, Fig. 4l Uniform /
/// Balanced) and their mixture with the step's composition (Fig. 4l Curriculum).
struct CurriculumReplay {
    let table: ClassConditionalTable
    let plain: TwoLayerNetwork
    let classNets: [TwoLayerNetwork]
    let classNames: [String]
    let w0: [Double]
    let steps: Int, batch: Int
    let parameters: ParameterValues, context: RunContext
    /// Per-step control width of the category problem (phi_c at offset `range.lowerBound + c`).
    let perStep: Int, range: Range<Int>

    init(problem: CategoryProblem) throws {
        guard let onehot = problem.data.sampler as? OneHotTableSampler else {
            throw WorkbenchError("class-proportion: dataset \(problem.data.name) has no one-hot example table; expected MNIST")
        }
        table = try ClassConditionalTable(onehot)
        let cfg = TwoLayerNetwork.Configuration(hidden: problem.net.hidden, lambda: problem.net.configuration.lambda)
        plain = TwoLayerNetwork(configuration: cfg, task: problem.data.train)
        classNets = problem.data.classStatistics.map { TwoLayerNetwork(configuration: cfg, task: $0) }
        classNames = problem.data.classNames
        w0 = problem.w0
        parameters = problem.parameters; context = problem.context
        steps = parameters[.steps]; batch = parameters[.batch]
        perStep = problem.net.controlCount; range = problem.range
    }

    /// Class counts of every step's batch under the per-step control theta. Optimized phi stays in
    /// [lower, upper] and the cost holds |phi|^2 near C, so a step's total is positive; a degenerate
    /// all-zero (or negative-only) step gets a balanced batch rather than aborting the run.
    func composition(_ theta: [Double]) -> [[Int]] {
        let ones = [Double](repeating: 1, count: range.count)
        return (0..<steps).map { i in
            let phi = range.map { max(theta[i * perStep + $0], 0) }
            return (try? largestRemainderCounts(weights: phi, batch: batch, tieOffset: i))
                ?? (try? largestRemainderCounts(weights: ones, batch: batch, tieOffset: i)) ?? []
        }
    }

    /// The replay the runner runs under the baseline and the optimized phi.
    func replay() -> SGDReplay {
        let table = table
        let batches = { (control: Trajectory) -> (Int) -> any ExampleSampler in
            let counts = composition(control.control)
            return { table.sampler(counts: counts[$0]) }
        }
        return SGDReplay(model: plain, curriculum: batches, initialState: w0, parameters, context: context,
                         probe: { control, _ in probe(counts: composition(control.control)) })
    }

    /// The exact losses of the SGD weights at every step, under the batch composition `counts`.
    func probe(counts: [[Int]]) -> SGDProbe {
        let classNets = classNets
        let workspaces = classNets.map { $0.makeWorkspace() }
        let none = [0.0]
        let c = classNets.count, invB = 1 / Double(batch)
        let names = [EngagementNames.sgdBalanced.quantity, EngagementNames.sgdCurriculum.quantity]
            + classNames.map { EngagementNames.classLosses.member($0).stem }
        return SGDProbe(names: names) { i, w, out in
            var balancedLoss = 0.0, curriculumLoss = 0.0
            none.withUnsafeBufferPointer { g in
                for k in 0..<c {
                    let l = classNets[k].evaluate(step: i, state: w, control: g.baseAddress!, drift: nil, workspace: workspaces[k])
                    out[2 + k] = l
                    balancedLoss += l / Double(c)
                    curriculumLoss += l * Double(counts[i][k]) * invB
                }
            }
            out[0] = balancedLoss; out[1] = curriculumLoss
        }
    }
}

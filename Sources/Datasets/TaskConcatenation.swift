import WorkbenchKit

/// Several tasks presented at once (task engagement, reference notes §3): x = [x_1; ...; x_n]
/// and y = [y_1; ...; y_n] with each task's example drawn independently, so every cross
/// moment between different tasks factorises into a product of means.
public struct TaskConcatenation: Sendable {
    public let tasks: [TaskStatistics]
    /// Moments of the concatenated example: diagonal blocks are the tasks' own moments,
    /// block (k, j) of Sx is mux_k mux_j^T, of Sxy is mux_k muy_j^T, of Sy is muy_k muy_j^T.
    public let statistics: TaskStatistics
    /// Per task i, Sxy restricted to task i's output columns (total inputs x total outputs,
    /// zero elsewhere), for per-task loss weights; they sum to `statistics.sxy`.
    public let perTaskSxy: [[Double]]
    /// Per task i, its own Sy_i in the diagonal block (total outputs squared, zero elsewhere):
    /// with perTaskSxy it gives task i's loss 1/2 <|y_i - P_i W x|^2>.
    public let perTaskSy: [[Double]]
    public let inputRanges: [Range<Int>]
    public let outputRanges: [Range<Int>]

    public init(_ tasks: [TaskStatistics]) throws {
        guard !tasks.isEmpty else {
            throw WorkbenchError("task concatenation: no tasks given; expected at least one")
        }
        var inputRanges: [Range<Int>] = [], outputRanges: [Range<Int>] = []
        var i0 = 0, o0 = 0
        for t in tasks {
            inputRanges.append(i0 ..< i0 + t.inputCount); i0 += t.inputCount
            outputRanges.append(o0 ..< o0 + t.outputCount); o0 += t.outputCount
        }
        let ni = i0, no = o0
        var sx = [Double](repeating: 0, count: ni * ni)
        var sy = [Double](repeating: 0, count: no * no)
        var perSxy = [[Double]](repeating: [Double](repeating: 0, count: ni * no), count: tasks.count)
        var perSy = [[Double]](repeating: [Double](repeating: 0, count: no * no), count: tasks.count)
        for (k, a) in tasks.enumerated() {
            for (j, b) in tasks.enumerated() {
                for (r, row) in inputRanges[k].enumerated() {
                    for (c, col) in inputRanges[j].enumerated() {
                        sx[row * ni + col] = k == j ? a.sx[r * a.inputCount + c] : a.meanX[r] * b.meanX[c]
                    }
                    // Column block j of Sxy belongs to task j's loss.
                    for (c, col) in outputRanges[j].enumerated() {
                        perSxy[j][row * no + col] = k == j ? a.sxy[r * a.outputCount + c] : a.meanX[r] * b.meanY[c]
                    }
                }
                for (r, row) in outputRanges[k].enumerated() {
                    for (c, col) in outputRanges[j].enumerated() {
                        let value = k == j ? a.sy[r * a.outputCount + c] : a.meanY[r] * b.meanY[c]
                        sy[row * no + col] = value
                        if k == j { perSy[k][row * no + col] = value }
                    }
                }
            }
        }
        var sxy = [Double](repeating: 0, count: ni * no)
        for part in perSxy { for e in 0..<sxy.count { sxy[e] += part[e] } }
        let counts = tasks.compactMap(\.sampleCount)
        self.tasks = tasks
        var statistics = TaskStatistics(inputCount: ni, outputCount: no, sx: sx, sxy: sxy, sy: sy,
                                    meanX: tasks.flatMap(\.meanX), meanY: tasks.flatMap(\.meanY),
                                    sampleCount: counts.count == tasks.count ? counts.min() : nil)
        statistics.independentInputBlocks = inputRanges
        self.statistics = statistics
        perTaskSxy = perSxy
        perTaskSy = perSy
        self.inputRanges = inputRanges
        self.outputRanges = outputRanges
    }
}

/// Draws one independent example from each task and writes them side by side.
public struct ConcatenatedSampler: ExampleSampler, Sendable {
    public let parts: [any ExampleSampler]
    public let inputCount: Int
    public let outputCount: Int

    public init(_ parts: [any ExampleSampler]) {
        self.parts = parts
        inputCount = parts.reduce(0) { $0 + $1.inputCount }
        outputCount = parts.reduce(0) { $0 + $1.outputCount }
    }

    public func draw(x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>,
                     using rng: inout SeededGenerator) {
        var i = 0, o = 0
        for part in parts {
            part.draw(x: x + i, y: y + o, using: &rng)
            i += part.inputCount; o += part.outputCount
        }
    }
}

extension Dataset {
    /// The concatenation of several datasets as one task; `outputGroups` holds each output
    /// column's task index and class names are prefixed by the task's name.
    public static func concatenating(_ parts: [Dataset], name: String? = nil) throws -> Dataset {
        let train = try TaskConcatenation(parts.map(\.train)).statistics
        let tests = parts.compactMap(\.test)
        let test = tests.count == parts.count ? try TaskConcatenation(tests).statistics : nil
        let groups = parts.enumerated().flatMap { k, part in Array(repeating: k, count: part.train.outputCount) }
        let names = parts.contains(where: { $0.classNames.isEmpty }) ? [] :
            parts.flatMap { part in part.classNames.map { "\(part.name):\($0)" } }
        return Dataset(name: name ?? parts.map(\.name).joined(separator: "+"), train: train, test: test,
                       sampler: ConcatenatedSampler(parts.map(\.sampler)), classNames: names,
                       outputGroups: groups)
    }
}

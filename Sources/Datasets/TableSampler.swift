import WorkbenchKit

/// Draws uniformly, with replacement, from a fixed table of examples whose targets are one-hot
/// classes (the authors' MNIST batches); storing the class index instead of y saves memory.
public struct OneHotTableSampler: ExampleSampler, Sendable {
    public let inputCount: Int
    public let outputCount: Int
    /// count x inputCount, row-major.
    let inputs: [Double]
    /// Output column of each example.
    let classes: [Int]

    public init(inputCount: Int, outputCount: Int, inputs: [Double], classes: [Int]) throws {
        guard !classes.isEmpty else {
            throw WorkbenchError("sampler: no examples to draw from; expected at least one")
        }
        guard inputs.count == classes.count * inputCount, classes.allSatisfy({ (0..<outputCount).contains($0) }) else {
            throw WorkbenchError("sampler: \(inputs.count) input values and \(classes.count) labels do not form \(inputCount)-wide examples with classes below \(outputCount)")
        }
        self.inputCount = inputCount; self.outputCount = outputCount
        self.inputs = inputs; self.classes = classes
    }

    public var count: Int { classes.count }

    public func draw(x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>,
                     using rng: inout SeededGenerator) {
        let e = rng.index(below: classes.count)
        inputs.withUnsafeBufferPointer { table in
            x.update(from: table.baseAddress! + e * inputCount, count: inputCount)
        }
        y.update(repeating: 0, count: outputCount)
        y[classes[e]] = 1
    }
}

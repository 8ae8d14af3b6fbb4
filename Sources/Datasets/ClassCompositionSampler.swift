import WorkbenchKit

/// The examples of a one-hot table grouped by class, so batches of a chosen class composition
/// can be drawn (the class-proportion curriculum of App. H.3 eq. 86).
public struct ClassConditionalTable: Sendable {
    public let inputCount: Int
    public let outputCount: Int
    /// count x inputCount, row-major (the table's own storage, shared).
    let inputs: [Double]
    /// Row indices of each class's examples.
    public let rowsOfClass: [[Int]]

    public init(_ table: OneHotTableSampler) throws {
        var rows = [[Int]](repeating: [], count: table.outputCount)
        for (e, c) in table.classes.enumerated() { rows[c].append(e) }
        if let empty = rows.firstIndex(where: \.isEmpty) {
            throw WorkbenchError("class table: class \(empty) has no examples; expected every output class to have at least one")
        }
        inputCount = table.inputCount; outputCount = table.outputCount
        inputs = table.inputs; rowsOfClass = rows
    }

    /// One example of class `c`, uniformly with replacement.
    public func draw(classIndex c: Int, x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>,
                     using rng: inout SeededGenerator) {
        let rows = rowsOfClass[c]
        let e = rows[rng.index(below: rows.count)]
        inputs.withUnsafeBufferPointer { table in
            x.update(from: table.baseAddress! + e * inputCount, count: inputCount)
        }
        y.update(repeating: 0, count: outputCount)
        y[c] = 1
    }

    /// A sampler whose every `batch` consecutive draws hold exactly `counts[c]` examples of class c.
    public func sampler(counts: [Int]) -> ClassCompositionSampler { ClassCompositionSampler(table: self, counts: counts) }
}

/// Batches of a fixed class composition: draw k of a batch takes class slots[k mod B], where
/// slots lists class c counts[c] times. `ExampleSampler.draw` has no batch position, so the
/// sampler keeps a cursor; it is meant to fill one batch at a time (`simulateSGD` asks
/// `samplerFor(step)` for every batch, and the cursor wraps after B draws anyway). Within a
/// class, examples are drawn with replacement (the authors drew without; for batches much smaller
/// than a class, as here, the two agree to within 1/|class|).
public final class ClassCompositionSampler: ExampleSampler, @unchecked Sendable {
    public let table: ClassConditionalTable
    public let counts: [Int]
    let slots: [Int]
    var cursor = 0
    public var inputCount: Int { table.inputCount }
    public var outputCount: Int { table.outputCount }

    init(table: ClassConditionalTable, counts: [Int]) {
        precondition(counts.count == table.outputCount && counts.allSatisfy { $0 >= 0 } && counts.reduce(0, +) > 0)
        self.table = table; self.counts = counts
        slots = counts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
    }

    public func draw(x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>,
                     using rng: inout SeededGenerator) {
        let c = slots[cursor]
        cursor = (cursor + 1) % slots.count
        table.draw(classIndex: c, x: x, y: y, using: &rng)
    }
}

/// Integer class counts summing to `batch`, proportional to `weights` (eq. 86's
/// b_c = phi_c B / C after normalizing by sum phi / C so the batch keeps size B), rounded by
/// largest remainders. Ties go to classes in cyclic order from `tieOffset`, so that rotating the
/// offset over steps gives no class a systematic extra example.
public func largestRemainderCounts(weights: [Double], batch: Int, tieOffset: Int = 0) throws -> [Int] {
    guard batch > 0 else { throw WorkbenchError("batch composition: batch = \(batch); expected a positive size") }
    guard !weights.isEmpty, weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
        throw WorkbenchError("batch composition: class weights \(weights) must be finite and non-negative")
    }
    let total = weights.reduce(0, +)
    guard total > 0 else { throw WorkbenchError("batch composition: all class weights are zero; expected a positive sum") }
    let quotas = weights.map { $0 / total * Double(batch) }
    var counts = quotas.map { Int($0.rounded(.down)) }
    let missing = batch - counts.reduce(0, +)
    let c = weights.count
    let rotated = (0..<c).map { (tieOffset % c + c + $0) % c }
    func remainder(_ k: Int) -> Double { quotas[k] - Double(counts[k]) }
    let order = rotated.indices.sorted { a, b in
        let ra = remainder(rotated[a]), rb = remainder(rotated[b])
        return ra > rb || (ra == rb && a < b)
    }.map { rotated[$0] }
    for k in 0..<missing { counts[order[k % c]] += 1 }
    return counts
}

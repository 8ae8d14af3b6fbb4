/// Doubles the engine owns for its lifetime, zeroed at allocation: its sweeps read and write them
/// through `base`, without the nested closures an array's pointers need.
final class EngineBuffer {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    convenience init(_ values: [Double]) {
        self.init(count: values.count)
        if !values.isEmpty { values.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: values.count) } }
    }

    deinit { base.deallocate() }

    var array: [Double] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

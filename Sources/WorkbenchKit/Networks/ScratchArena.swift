/// Owns a model workspace's scratch buffers: each `take` is a fresh, cache-line aligned buffer
/// that lives as long as the arena. A workspace names each buffer once, with its size, where it
/// takes it, so no separate size list can drift out of step with the buffers.
final class ScratchArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    /// A buffer of `count` doubles, all set to `value`.
    func take(_ count: Int, filledWith value: Double = 0) -> UnsafeMutablePointer<Double> {
        // 64-byte alignment: a SIMD load never straddles two cache lines at a buffer's start.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Double>.stride, alignment: 64)
        blocks.append(raw)
        let buffer = raw.bindMemory(to: Double.self, capacity: max(count, 1))
        buffer.initialize(repeating: value, count: max(count, 1))
        return buffer
    }

    deinit { for block in blocks { block.deallocate() } }
}

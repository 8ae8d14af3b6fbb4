import Foundation

/// A small, fast, seedable generator (xoshiro256**) so every run is reproducible from its seed
/// on every platform; Swift's SystemRandomNumberGenerator cannot be seeded.
public struct SeededGenerator: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var spareNormal: Double? = nil

    public init(seed: UInt64) {
        // SplitMix64 expands the seed into a well-mixed state.
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// An independent stream derived from this seed and a label (e.g. a replicate index).
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03) &+ stream)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal by the polar Box-Muller method.
    public mutating func normal() -> Double {
        if let spare = spareNormal { spareNormal = nil; return spare }
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let m = (-2 * log(s) / s).squareRoot()
                spareNormal = v * m
                return u * m
            }
        }
    }

    public mutating func normal(mean: Double, std: Double) -> Double { mean + std * normal() }

    /// `count` draws of `normal(mean:std:)` in order: random initial weights or controls.
    public mutating func normals(_ count: Int, mean: Double = 0, std: Double) -> [Double] {
        (0..<count).map { _ in normal(mean: mean, std: std) }
    }

    /// Uniform integer in 0..<n.
    public mutating func index(below n: Int) -> Int { Int(next() % UInt64(n)) }
}


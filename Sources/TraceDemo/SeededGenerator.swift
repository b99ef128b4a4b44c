/// SplitMix64: a tiny, fast, seedable generator, so the same seed always makes the same store.
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded, and the standard library offers no
/// seedable one; this is the reference algorithm, eight lines long.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `range`, rounded to `decimals` places (lab values are reported rounded).
    mutating func value(in range: ClosedRange<Double>, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (Double.random(in: range, using: &self) * scale).rounded() / scale
    }
}

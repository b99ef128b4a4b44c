public import Dispatch

/// Where a build's parallel work runs: Dispatch's utility-QoS pool, not the default one.
///
/// Why: Swift's async tasks run on the default pool too (two threads on two cores), and so does
/// `serve`'s HTTP server. A build that filled that pool with its chunks kept every request waiting
/// until a chunk ended: during a 20,000-batch rebuild the home page took 0.8–1.5 s to answer
/// instead of 1–3 ms (`curl -w %{time_total}`); on the utility pool, 2–10 ms. On Linux the utility
/// pool's threads run at nice 2; a build alone on the machine is no slower for it (three
/// interleaved pairs at 20,000 batches: 7.55 / 7.75 / 7.15 s before, 7.30 / 6.72 / 7.63 s after).
public enum BuildQueue {
    /// The queue a build's chunks are sent to.
    public static let queue = DispatchQueue.global(qos: .utility)

    /// `DispatchQueue.concurrentPerform` on `queue`'s pool, wherever it is called from (a thread
    /// of our own would otherwise use the default pool).
    public static func concurrentPerform(iterations: Int, execute work: @Sendable (Int) -> Void) {
        queue.sync { DispatchQueue.concurrentPerform(iterations: iterations, execute: work) }
    }
}

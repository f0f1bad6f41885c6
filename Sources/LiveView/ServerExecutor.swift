import Dispatch

/// Runs the server's tasks on a serial queue of their own instead of Swift concurrency's shared
/// pool (one thread per core), so a session busy with long computations on that pool cannot
/// starve the live view, and a burst of page requests cannot slow the session.
final class ServerExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the queue is the only state, and DispatchQueue is thread-safe.
    private let queue = DispatchQueue(label: "stepgrad.liveview")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

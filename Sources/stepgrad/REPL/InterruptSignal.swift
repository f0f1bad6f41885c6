import Glibc
import Synchronization

/// Ctrl-C and a closed terminal, turned into flags that the prompt and the interpreter poll.
/// The handlers only store into atomics: nothing else is safe inside a signal handler.
enum InterruptSignal {
    private static let interrupted = Atomic<Bool>(false)
    private static let hungUp = Atomic<Bool>(false)

    /// SIGINT sets the interrupt flag; SIGHUP/SIGTERM (terminal closed, asked to stop) set both flags
    /// so a running computation stops and the REPL then leaves cleanly, saving history on the way.
    /// No SA_RESTART: a read blocked at the prompt returns, so the prompt can react at once.
    static func install() {
        handle(SIGINT) { _ in InterruptSignal.interrupted.store(true, ordering: .sequentiallyConsistent) }
        let stop: @convention(c) (Int32) -> Void = { _ in
            InterruptSignal.hungUp.store(true, ordering: .sequentiallyConsistent)
            InterruptSignal.interrupted.store(true, ordering: .sequentiallyConsistent)
        }
        handle(SIGHUP, stop)
        handle(SIGTERM, stop)
    }

    /// Whether Ctrl-C was pressed since the last `clear()`; polled by the interpreter in loops.
    static var isSet: Bool { interrupted.load(ordering: .sequentiallyConsistent) }

    /// Whether the terminal went away or the process was asked to stop.
    static var shouldQuit: Bool { hungUp.load(ordering: .sequentiallyConsistent) }

    /// Reads and resets the interrupt flag.
    static func take() -> Bool { interrupted.exchange(false, ordering: .sequentiallyConsistent) }

    private static func handle(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}

import Glibc
import Synchronization

/// Ctrl-C and a closed terminal, turned into flags that the prompt and the interpreter poll.
/// The handlers only store into atomics: nothing else is safe inside a signal handler.
enum InterruptSignal {
    private static let interrupted = Atomic<Bool>(false)
    private static let hungUp = Atomic<Bool>(false)
    /// The thread that reads the prompt. A signal can land on any thread (OpenBLAS has workers);
    /// it is passed on to this one so that its blocked read returns.
    private static let mainThread = Atomic<UInt>(0)

    /// SIGINT sets the interrupt flag; SIGHUP/SIGTERM (terminal closed, asked to stop) set both flags
    /// so a running computation stops and the REPL then leaves cleanly, saving history on the way.
    /// No SA_RESTART: a read blocked at the prompt returns, so the prompt can react at once.
    static func install() {
        mainThread.store(UInt(pthread_self()), ordering: .sequentiallyConsistent)
        handle(SIGINT) { signal in
            InterruptSignal.interrupted.store(true, ordering: .sequentiallyConsistent)
            InterruptSignal.forwardToMainThread(signal)
        }
        let stop: @convention(c) (Int32) -> Void = { signal in
            InterruptSignal.hungUp.store(true, ordering: .sequentiallyConsistent)
            InterruptSignal.interrupted.store(true, ordering: .sequentiallyConsistent)
            InterruptSignal.forwardToMainThread(signal)
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

    /// pthread_kill is async-signal-safe; on the main thread the handler runs again and stops here.
    private static func forwardToMainThread(_ signal: Int32) {
        let main = mainThread.load(ordering: .sequentiallyConsistent)
        if main != 0 && UInt(pthread_self()) != main { pthread_kill(pthread_t(main), signal) }
    }

    private static func handle(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}

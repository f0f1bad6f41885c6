import Foundation
import Glibc

/// The real `stepgrad` binary on a pseudo-terminal: the test types keys and reads the screen's text.
/// Every read has a deadline and the child is killed when the terminal is dropped, so no test can hang.
final class PseudoTerminal {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private var master: Int32
    let pid: pid_t
    private var raw = [UInt8]()
    private var exitStatus: Int32?

    /// Everything the program wrote, escape sequences included.
    var rawOutput: String { String(decoding: raw, as: UTF8.self) }

    /// Everything the program wrote, with terminal control sequences and carriage returns removed.
    var output: String { Self.plain(raw) }

    /// Starts `stepgrad arguments` as the leader of a new session whose controlling terminal is the pty,
    /// so Ctrl-C typed into it arrives as SIGINT, like in a real terminal.
    init(arguments: [String] = [], environment: [String: String], directory: URL) throws {
        var masterFD: Int32 = -1
        var slaveFD: Int32 = -1
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        var name = [CChar](repeating: 0, count: 256)
        guard openpty(&masterFD, &slaveFD, &name, nil, &size) == 0 else {
            throw Failure(description: "openpty failed: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(masterFD, F_SETFD, FD_CLOEXEC)
        defer { close(slaveFD) }
        master = masterFD
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid (glibc applies the flags first), the slave becomes the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGHUP, SIGTERM, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        let setSession: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26), not exported to Swift
        posix_spawnattr_setflags(&attributes, Int16(setSession | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // The shell only changes folder, then becomes stepgrad (exec), so the pid is stepgrad's.
        let executable = "/bin/sh"
        let command = ["sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path, BinaryLocator.stepgrad.path] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(masterFD)
            throw Failure(description: "cannot start \(BinaryLocator.stepgrad.path): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        if master >= 0 { close(master) }
    }

    /// Closes the terminal, as when its window is closed: the program gets SIGHUP and end of input.
    func closeTerminal() {
        close(master)
        master = -1
    }

    /// Types `text` as keystrokes (use "\r" for Enter, "\u{03}" for Ctrl-C, "\u{1B}[A" for Up).
    func type(_ text: String) throws {
        var bytes = Array(text.utf8)
        while !bytes.isEmpty {
            let written = write(master, bytes, bytes.count)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot type into the terminal: \(String(cString: strerror(errno)))")
            }
            bytes.removeFirst(written)
        }
    }

    /// Waits until the output after `offset` contains `text`; returns the offset just past it, for the next wait.
    @discardableResult
    func waitFor(_ text: String, after offset: String.Index? = nil, seconds: Double = 20) throws -> String.Index {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let current = output
            let start = offset.map { min($0, current.endIndex) } ?? current.startIndex
            if let found = current.range(of: text, range: start..<current.endIndex) { return found.upperBound }
            guard Date() < deadline else {
                throw Failure(description: "timed out after \(seconds)s waiting for \"\(text)\"; the terminal shows:\n\(current)")
            }
            _ = readSome(milliseconds: 100)
        }
    }

    /// Types `line` and Enter, waits for its echo, for each of `expected` in order, then for the next
    /// prompt (which ends in "> "); returns the position after that prompt.
    @discardableResult
    func enter(_ line: String, expecting expected: [String] = [], after offset: String.Index? = nil) throws -> String.Index {
        let start = offset ?? mark
        try type(line + "\r")
        var position = try waitFor(line.isEmpty ? "\n" : line, after: start)
        for text in expected { position = try waitFor(text, after: position) }
        return try waitFor("> ", after: position)
    }

    /// Ctrl-D at a prompt, then the exit status. Waits until the output has been quiet for a moment,
    /// as a person would: a Ctrl-D typed ahead, before libedit has switched the terminal to raw mode,
    /// is the terminal driver's end-of-file and never reaches the program as a key.
    func quit() throws -> Int32 {
        let deadline = Date().addingTimeInterval(2)
        while readSome(milliseconds: 150), Date() < deadline {}
        try type("\u{04}")
        return try waitForExit()
    }

    /// The end of the output so far: pass it to `waitFor` to look only at what comes next.
    var mark: String.Index {
        _ = readSome(milliseconds: 50)
        return output.endIndex
    }

    /// Waits for the program to exit (reading its last output); returns its exit status, or throws after the deadline.
    func waitForExit(seconds: Double = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            _ = readSome(milliseconds: 50)
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                while readSome(milliseconds: 10) {}
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus = code
                return code
            }
        }
        throw Failure(description: "stepgrad did not exit within \(seconds)s; the terminal shows:\n\(output)")
    }

    /// Reads what is available within `milliseconds`; false when nothing came (or the terminal closed).
    private func readSome(milliseconds: Int32) -> Bool {
        guard master >= 0 else {
            usleep(useconds_t(milliseconds) * 1000)
            return false
        }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        raw.append(contentsOf: buffer[..<count])
        return true
    }

    /// Output as a person would read it: escape sequences (colours, cursor moves) and carriage returns removed.
    static func plain(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        var result = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar {
            case "\u{1B}":
                // CSI: ESC [ parameters final-letter; other escapes are two characters long.
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !(("@"..."~").contains(c)) {}
                } else if next == "(" || next == ")" {
                    _ = iterator.next()
                }
            case "\r", "\u{07}":
                continue
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

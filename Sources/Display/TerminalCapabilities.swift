/// What the terminal can draw. The Display library never reads the environment itself: the
/// caller passes the environment in, so tests and exporters can choose freely.
public struct TerminalCapabilities: Equatable, Sendable {
    public enum ColorDepth: Int, Comparable, Sendable {
        /// No colour escapes at all (NO_COLOR, TERM=dumb, not a terminal): shade characters.
        case none
        /// The 6×6×6 colour cube of 256-colour terminals.
        case ansi256
        /// 24-bit colour.
        case truecolor

        public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
    }

    public var color: ColorDepth

    public init(color: ColorDepth) {
        self.color = color
    }

    /// Decides from NO_COLOR (https://no-color.org: present and non-empty disables colour),
    /// COLORTERM (`truecolor`/`24bit`) and TERM (`dumb` or unset: none; `*256color*`: 256).
    /// Other terminals (xterm, screen, tmux) get 256 colours, which they all draw today;
    /// the Linux console and vt100-era terminals get the shade ramp.
    public static func detect(environment: [String: String]) -> TerminalCapabilities {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return TerminalCapabilities(color: .none) }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" || term == "linux" || term.hasPrefix("vt") {
            return TerminalCapabilities(color: .none)
        }
        let colorterm = (environment["COLORTERM"] ?? "").lowercased()
        if colorterm == "truecolor" || colorterm == "24bit" || term.hasSuffix("-direct") {
            return TerminalCapabilities(color: .truecolor)
        }
        return TerminalCapabilities(color: .ansi256)
    }
}

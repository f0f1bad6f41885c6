import Foundation

/// Reads lesson Markdown: the first `#` heading is the title; fenced blocks tagged `stepgrad`
/// are parsed (with their line numbers in the Markdown file, so errors point into it); the
/// prose before a statement goes with it.
public enum LessonLoader {
    /// The largest lesson file `load` reads (16 MiB).
    public static let maximumFileSize = 16 << 20

    public static func load(path: String) throws(StepError) -> Lesson {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let bytes = try contents(of: path, at: start)
        // NUL is valid UTF-8 but never in a text file: this is an image, an archive, a program...
        guard !bytes.contains(0) else {
            throw StepError("this is a binary file, not a lesson (Markdown text with ```stepgrad blocks)", at: start)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw StepError("the lesson file is not UTF-8 text", at: start)
        }
        return parse(text: showingControlCharacters(text), file: path)
    }

    /// The whole file, read with the C library's stat, open and read (Foundation's file API cost a
    /// lesson's run 0.4 ms). stat follows a symbolic link to the file it names.
    private static func contents(of path: String, at start: SourceLocation) throws(StepError) -> [UInt8] {
        let unreadable = StepError("cannot read the lesson file (missing, or not readable)", at: start)
        var info = stat()
        guard stat(path, &info) == 0 else { throw unreadable }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            throw StepError("this is a folder, not a lesson file (stepgrad test FOLDER runs every lesson in a folder)", at: start)
        case S_IFREG:
            break
        default:
            // /dev/zero or a pipe would be read forever.
            throw StepError("this is not a regular file (a device, a pipe or a socket); give the path of a lesson's .md file", at: start)
        }
        // Read whole: a lesson is a few kilobytes; refuse what would fill memory.
        let tooLarge = { (size: Int) in StepError("the file is \(size) bytes; a lesson file may be at most \(maximumFileSize) bytes", at: start) }
        guard info.st_size <= maximumFileSize else { throw tooLarge(Int(info.st_size)) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw unreadable }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw unreadable }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            // The file may have grown since stat.
            guard bytes.count <= maximumFileSize else { throw tooLarge(bytes.count) }
        }
    }

    /// A lesson is printed to the terminal, so its control characters are made visible instead:
    /// an escape sequence in a stranger's lesson could otherwise retitle the window, move the
    /// cursor or write to the clipboard. ESC becomes ␛ (the Control Pictures block), DEL ␡, and
    /// C1 controls (U+0080–U+009F) �. Tab, newline and carriage return stay.
    static func showingControlCharacters(_ text: String) -> String {
        // Almost every lesson has none: one pass over the bytes (a C1 control is 0xC2 0x80...0x9F in UTF-8).
        var previous: UInt8 = 0
        let hasControls = text.utf8.contains { byte in
            defer { previous = byte }
            return (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
                || (previous == 0xC2 && (0x80...0x9F).contains(byte))
        }
        guard hasControls else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: scalars.append(scalar)
            case 0x00..<0x20: scalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: scalars.append("\u{2421}")
            case 0x80...0x9F: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    public static func parse(text: String, file: String) -> Lesson {
        let source = SourceText(file: file, text: text)
        var title: String?
        var prose: [String] = []
        var steps: [LessonStep] = []
        var errors: [StepError] = []
        var lineNumber = 0
        let lines = source.lines
        while lineNumber < lines.count {
            let line = lines[lineNumber]
            lineNumber += 1
            let trimmed = withoutBlanks(line)
            if title == nil, trimmed.hasPrefix("# ") {
                title = String(withoutBlanks(trimmed.dropFirst(2)))
                continue
            }
            guard let fence = fenceMarker(trimmed) else { prose.append(line); continue }
            let opening = lineNumber
            var body: [String] = []
            var closed = false
            while lineNumber < lines.count {
                let inner = lines[lineNumber]
                lineNumber += 1
                if withoutBlanks(inner).hasPrefix(fence.marker) { closed = true; break }
                body.append(inner)
            }
            if !closed {
                errors.append(StepError("this code block is never closed with \(fence.marker)",
                                        at: SourceLocation(file: file, line: opening, column: 1), in: source))
            }
            guard fence.isStepgrad else {
                // Other code blocks are part of the prose.
                prose.append(line)
                prose += body
                if closed { prose.append(lines[lineNumber - 1]) }
                continue
            }
            var parser = Parser(text: body.joined(separator: "\n"), source: source, firstLine: opening + 1)
            for statement in parser.parseProgram() {
                steps.append(LessonStep(prose: tidy(prose), statement: statement))
                prose = []
            }
            errors += parser.errors
        }
        // The file name without its folder and extension: lessons/01-mlp.md is 01-mlp.
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        let name = fileName.lastIndex(of: ".").flatMap { $0 == fileName.startIndex ? nil : String(fileName[..<$0]) } ?? fileName
        return Lesson(title: title ?? name, path: file, source: source, steps: steps,
                      closingProse: tidy(prose), errors: errors)
    }

    /// The line without the blanks around it (Foundation's trimming costs a lesson's load 30× more).
    private static func withoutBlanks<Line: StringProtocol>(_ line: Line) -> Substring {
        let text = Substring(line)
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text.lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return text[start..<end]
    }

    /// A fence line (```` ``` ```` or `~~~`, possibly longer) and whether it is tagged `stepgrad`.
    private static func fenceMarker(_ trimmed: Substring) -> (marker: String, isStepgrad: Bool)? {
        for char in ["`", "~"] where trimmed.hasPrefix(String(repeating: char, count: 3)) {
            let marker = String(trimmed.prefix { String($0) == char })
            let info = withoutBlanks(trimmed.dropFirst(marker.count))
            return (marker, info.split(separator: " ").first == "stepgrad")
        }
        return nil
    }

    /// Prose without leading and trailing blank lines.
    private static func tidy(_ lines: [String]) -> String {
        var lines = lines[...]
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines = lines.dropFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines = lines.dropLast() }
        return lines.joined(separator: "\n")
    }

    /// The lessons (`*.md`) in a folder, sorted by file name.
    public static func lessonFiles(in folder: String) throws(StepError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw StepError("cannot read the folder \(folder)", at: SourceLocation(file: folder, line: 1, column: 1))
        }
        return names.filter { $0.hasSuffix(".md") }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }
}

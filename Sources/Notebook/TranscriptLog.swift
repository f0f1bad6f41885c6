import Display
import Foundation

/// What a session showed, oldest first: the newest entries in memory, the older ones in a
/// temporary file. An hour of a classroom session must not grow the notebook's memory with every
/// value it ever showed, yet `:export` writes them all.
///
/// The file is unlinked as soon as it is opened (nothing is left behind, even after a crash).
/// Each entry in it is a record `header · blocks · trailer`: the header (the blocks' byte count,
/// the entry's undo depth, whether a move made it) lets `blocks` read forward; the trailer (the
/// byte count again) lets an undo walk back from the end. If the file cannot be made or written,
/// the entries stay in memory: nothing is lost, only memory is spent.
final class TranscriptLog {
    /// One thing the player showed, as transcript blocks.
    struct Entry {
        let blocks: [TranscriptBlock]
        /// How many undo points stood when it was recorded: undoing below that drops it.
        let depth: Int
        /// Made by a move (a statement, a backward node), not by a command looking at values.
        let isMove: Bool
    }

    /// The newest entries, oldest first.
    private var recent: [Entry] = []
    private var file: SpillFile?
    /// Set when the file could not be made or written: from then on everything stays in memory.
    private var spillFailed = false
    /// Where the file is made.
    private let directory: URL

    init(directory: URL = FileManager.default.temporaryDirectory) {
        self.directory = directory
    }

    /// How many entries were recorded and not undone.
    var count: Int { (file?.count ?? 0) + recent.count }
    /// How many of them are in memory.
    var countInMemory: Int { recent.count }

    /// Adds `entry`; past `memoryLimit` entries in memory, the oldest goes to the file (nil keeps
    /// all in memory: `run` and `test`, which play a lesson once).
    func append(_ entry: Entry, memoryLimit: Int?) {
        recent.append(entry)
        guard let memoryLimit, recent.count > memoryLimit, !spillFailed else { return }
        do {
            if file == nil { file = try SpillFile(in: directory) }
            let oldest = recent[0]
            try file?.append(TranscriptBlock.encoded(oldest.blocks), depth: oldest.depth, isMove: oldest.isMove)
            recent.removeFirst()
        } catch {
            spillFailed = true
        }
    }

    /// Drops the entries recorded when more than `depth` undo points stood (depths never
    /// decrease along the log, so they are its newest).
    func removeAll(deeperThan depth: Int) {
        recent.removeAll { $0.depth > depth }
        guard recent.isEmpty, let file else { return }
        do { try file.truncate { $0.depth > depth } } catch { spillFailed = true }
    }

    func removeAll() {
        recent = []
        do { try file?.truncate { _ in true } } catch { spillFailed = true }
    }

    /// The blocks of the newest entry a move made.
    var lastMove: [TranscriptBlock]? {
        if let entry = recent.last(where: \.isMove) { return entry.blocks }
        do {
            guard let data = try file?.lastPayload(where: \.isMove) else { return nil }
            return try TranscriptBlock.decoded(from: data)
        } catch {
            return [.error("the transcript's older part could not be read back: \(error)")]
        }
    }

    /// Every entry's blocks, oldest first; the file's part is read back.
    var blocks: [TranscriptBlock] {
        var blocks: [TranscriptBlock] = []
        do {
            try file?.forEachPayload { blocks += try TranscriptBlock.decoded(from: $0) }
        } catch {
            blocks.append(.error("the transcript's older part could not be read back: \(error)"))
        }
        return blocks + recent.flatMap(\.blocks)
    }
}

/// An unlinked temporary file of records `header · payload · trailer`, appended at its end and
/// cut back from it.
private final class SpillFile {
    struct Header {
        let payloadCount: Int
        let depth: Int
        let isMove: Bool
    }

    private static let headerSize = 13, trailerSize = 4
    private let handle: FileHandle
    /// Where the last record ends.
    private var end: UInt64 = 0
    private(set) var count = 0

    init(in directory: URL) throws {
        var template = Array(directory.appendingPathComponent("stepgrad-transcript-XXXXXX").path.utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        unlink(template)
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func append(_ payload: Data, depth: Int, isMove: Bool) throws {
        var record = Data(capacity: Self.headerSize + payload.count + Self.trailerSize)
        record.append(littleEndian: UInt32(payload.count))
        record.append(littleEndian: Int64(depth))
        record.append(isMove ? 1 : 0)
        record.append(payload)
        record.append(littleEndian: UInt32(payload.count))
        try handle.seek(toOffset: end)
        try handle.write(contentsOf: record)
        end += UInt64(record.count)
        count += 1
    }

    /// Cuts off the newest records while `drop` says so.
    func truncate(while drop: (Header) -> Bool) throws {
        while let (start, header) = try recordBefore(end), drop(header) {
            end = start
            count -= 1
        }
        try handle.truncate(atOffset: end)
    }

    /// The payload of the newest record `matches` accepts.
    func lastPayload(where matches: (Header) -> Bool) throws -> Data? {
        var position = end
        while let (start, header) = try recordBefore(position) {
            if matches(header) { return try read(header.payloadCount, at: start + UInt64(Self.headerSize)) }
            position = start
        }
        return nil
    }

    func forEachPayload(_ body: (Data) throws -> Void) throws {
        var position: UInt64 = 0
        while position < end {
            let header = try readHeader(at: position)
            try body(try read(header.payloadCount, at: position + UInt64(Self.headerSize)))
            position += UInt64(Self.headerSize + header.payloadCount + Self.trailerSize)
        }
    }

    /// The record that ends at `position`: where it starts, and its header.
    private func recordBefore(_ position: UInt64) throws -> (UInt64, Header)? {
        guard position > 0 else { return nil }
        let payloadCount = Int(try read(Self.trailerSize, at: position - UInt64(Self.trailerSize)).littleEndian(UInt32.self, at: 0))
        let start = position - UInt64(Self.headerSize + payloadCount + Self.trailerSize)
        return (start, try readHeader(at: start))
    }

    private func readHeader(at position: UInt64) throws -> Header {
        let bytes = try read(Self.headerSize, at: position)
        return Header(payloadCount: Int(bytes.littleEndian(UInt32.self, at: 0)),
                      depth: Int(bytes.littleEndian(Int64.self, at: 4)), isMove: bytes[bytes.startIndex + 12] != 0)
    }

    private func read(_ count: Int, at position: UInt64) throws -> Data {
        try handle.seek(toOffset: position)
        let data = try handle.read(upToCount: count) ?? Data()
        guard data.count == count else { throw CocoaError(.fileReadCorruptFile) }
        return data
    }
}

private extension Data {
    mutating func append<T: FixedWidthInteger>(littleEndian value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    func littleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value = T.zero
        Swift.withUnsafeMutableBytes(of: &value) { _ = copyBytes(to: $0, from: (startIndex + offset)..<(startIndex + offset + MemoryLayout<T>.size)) }
        return T(littleEndian: value)
    }
}

// The byte level of the transcript format (TranscriptBlockCoding.swift): values one after
// another, little-endian. An Int or a count is 8 bytes, a Double its 8-byte bit pattern, a Bool or
// a tag 1 byte, a String its UTF-8 length and bytes, an array its count and entries, an optional
// a tag (0 or 1) and the value. Reading checks every length against the bytes left.

/// A value that writes itself as transcript bytes and reads itself back.
protocol TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter)
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> Self
}

struct TranscriptByteWriter {
    var bytes: [UInt8] = []

    /// The values one after another: a struct's fields, in the order its reader reads them.
    mutating func write<each Value: TranscriptCodable>(_ value: repeat each Value) { repeat (each value).write(to: &self) }

    /// A tag naming an enum case (or an optional's presence).
    mutating func tag(_ tag: UInt8) { bytes.append(tag) }

    mutating func word(_ word: UInt64) {
        withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

struct TranscriptByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func read<Value: TranscriptCodable>() throws(TranscriptCodingError) -> Value { try Value.read(from: &self) }

    func failure(_ reason: String) -> TranscriptCodingError { TranscriptCodingError(reason: reason, offset: offset) }

    mutating func take(_ count: Int, for what: String) throws(TranscriptCodingError) -> ArraySlice<UInt8> {
        guard count <= bytes.count - offset else {
            throw failure("the bytes end in the middle of \(what) (\(count) bytes needed, \(bytes.count - offset) left)")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func tag(for what: String) throws(TranscriptCodingError) -> UInt8 {
        let byte = try take(1, for: what)
        return byte[byte.startIndex]
    }

    mutating func word(for what: String) throws(TranscriptCodingError) -> UInt64 {
        try take(8, for: what).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A count of entries or bytes, each at least a byte long: more than the bytes left is corrupt
    /// (and would otherwise make a huge allocation).
    mutating func count(for what: String) throws(TranscriptCodingError) -> Int {
        let count = try Int(truncatingIfNeeded: word(for: what))
        guard count >= 0 else { throw failure("\(what) has a negative length (\(count))") }
        guard count <= bytes.count - offset else {
            throw failure("the bytes end in the middle of \(what) (\(count) entries, \(bytes.count - offset) bytes left)")
        }
        return count
    }
}

extension Int: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) { writer.word(UInt64(bitPattern: Int64(self))) }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> Int {
        Int(truncatingIfNeeded: Int64(bitPattern: try reader.word(for: "a whole number")))
    }
}

extension Double: TranscriptCodable {
    // The bit pattern, so NaN's sign and payload, -0.0 and subnormals come back as they were.
    func write(to writer: inout TranscriptByteWriter) { writer.word(bitPattern) }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> Double {
        Double(bitPattern: try reader.word(for: "a number"))
    }
}

extension Bool: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) { writer.tag(self ? 1 : 0) }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> Bool {
        switch try reader.tag(for: "a yes/no") {
        case 0: return false
        case 1: return true
        case let other: throw reader.failure("\(other) is not a yes/no byte (0 or 1)")
        }
    }
}

extension String: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        writer.write(utf8.count)
        writer.bytes.append(contentsOf: utf8)
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> String {
        let count = try reader.count(for: "a text")
        let start = reader.offset
        guard let text = String(validating: try reader.take(count, for: "a text"), as: UTF8.self) else {
            throw TranscriptCodingError(reason: "a text of \(count) bytes is not valid UTF-8", offset: start)
        }
        return text
    }
}

extension Array: TranscriptCodable where Element: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        writer.write(count)
        for element in self { writer.write(element) }
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> [Element] {
        let count = try reader.count(for: "a list")
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try reader.read()) }
        return elements
    }
}

extension Optional: TranscriptCodable where Wrapped: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        switch self {
        case .none: writer.tag(0)
        case let .some(value): writer.tag(1); writer.write(value)
        }
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> Wrapped? {
        try Bool.read(from: &reader) ? try reader.read() as Wrapped : nil
    }
}

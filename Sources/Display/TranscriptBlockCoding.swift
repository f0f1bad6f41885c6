import Foundation
import Autograd

// Transcript blocks as bytes and back, for a transcript kept in a file. A small binary format
// rather than Codable with Foundation's encoders, because those are not exact: JSON writes every
// NaN as one string (a NaN's sign and payload are lost; x86's 0/0 is a negative NaN), and the
// binary property list shares equal numbers, so 0.0 and -0.0 come back as the same one.
//
// The format: a header, then values one after another, little-endian. An Int or a count is 8
// bytes, a Double its 8-byte bit pattern, a Bool or a tag 1 byte, a String its UTF-8 length and
// bytes, an array its count and entries, an optional a tag (0 or 1) and the value.

extension TranscriptBlock {
    /// The blocks as bytes (for a transcript kept in a file) and back, exactly.
    /// Encoding cannot fail today; it throws so that a future limit does not change callers.
    public static func encoded(_ blocks: [TranscriptBlock]) throws(TranscriptCodingError) -> Data {
        var writer = TranscriptByteWriter()
        writer.bytes.append(contentsOf: transcriptHeader)
        writer.write(blocks)
        return Data(writer.bytes)
    }

    public static func decoded(from data: Data) throws(TranscriptCodingError) -> [TranscriptBlock] {
        var reader = TranscriptByteReader(bytes: [UInt8](data))
        guard reader.bytes.starts(with: transcriptHeader) else {
            throw TranscriptCodingError(reason: "these are not transcript bytes (no stepgrad transcript header)", offset: 0)
        }
        reader.offset = transcriptHeader.count
        let blocks: [TranscriptBlock] = try reader.read()
        guard reader.offset == reader.bytes.count else {
            throw TranscriptCodingError(reason: "\(reader.bytes.count - reader.offset) bytes follow the last block", offset: reader.offset)
        }
        return blocks
    }

    /// `SGTB` and the format's version.
    private static let transcriptHeader: [UInt8] = Array("SGTB".utf8) + [1]
}

/// Transcript bytes that cannot be read back: what is wrong and where.
public struct TranscriptCodingError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, in words.
    public let reason: String
    /// How many bytes into the data it was found.
    public let offset: Int

    public var description: String { "unreadable transcript bytes at byte \(offset): \(reason)" }
}

/// A value that writes itself as transcript bytes and reads itself back.
protocol TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter)
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> Self
}

struct TranscriptByteWriter {
    var bytes: [UInt8] = []

    mutating func write<Value: TranscriptCodable>(_ value: Value) { value.write(to: &self) }

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

/// A tensor in a block is a leaf with no graph: its shape, entries and label are all of it.
private struct LeafTensor: TranscriptCodable {
    let tensor: Tensor

    func write(to writer: inout TranscriptByteWriter) {
        writer.write(tensor.shape)
        writer.write(tensor.data)
        writer.write(tensor.label)
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> LeafTensor {
        let start = reader.offset
        let (shape, data, label): ([Int], [Double], String?) = (try reader.read(), try reader.read(), try reader.read())
        do {
            return LeafTensor(tensor: try Tensor(shape: shape, data: data, label: label))
        } catch {
            throw TranscriptCodingError(reason: "not a tensor: \(error.description)", offset: start)
        }
    }
}

extension TranscriptBlock: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        switch self {
        case let .prose(text): writer.tag(0); writer.write(text)
        case let .statement(text): writer.tag(1); writer.write(text)
        case let .value(name, value): writer.tag(2); writer.write(name); writer.write(LeafTensor(tensor: value))
        case let .heatmap(name, value): writer.tag(3); writer.write(name); writer.write(LeafTensor(tensor: value))
        case let .verdict(verdict): writer.tag(4); writer.write(verdict)
        case let .note(text): writer.tag(5); writer.write(text)
        case let .figure(text): writer.tag(6); writer.write(text)
        case let .network(name, diagram): writer.tag(7); writer.write(name); writer.write(diagram)
        case let .error(text): writer.tag(8); writer.write(text)
        }
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> TranscriptBlock {
        switch try reader.tag(for: "a block") {
        case 0: return .prose(try reader.read())
        case 1: return .statement(try reader.read())
        case 2: return .value(name: try reader.read(), value: (try reader.read() as LeafTensor).tensor)
        case 3: return .heatmap(name: try reader.read(), value: (try reader.read() as LeafTensor).tensor)
        case 4: return .verdict(try reader.read())
        case 5: return .note(try reader.read())
        case 6: return .figure(try reader.read())
        case 7: return .network(name: try reader.read(), diagram: try reader.read())
        case 8: return .error(try reader.read())
        case let other: throw reader.failure("\(other) is not a kind of block (0 to 8)")
        }
    }
}

extension TranscriptVerdict: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        writer.write(kind.rawValue)
        writer.write(headline)
        writer.write(referenceName)
        writer.write(differences)
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> TranscriptVerdict {
        let word: String = try reader.read()
        guard let kind = Kind(rawValue: word) else { throw reader.failure("\"\(word)\" is not a kind of verdict") }
        return TranscriptVerdict(kind: kind, headline: try reader.read(), referenceName: try reader.read(), differences: try reader.read())
    }
}

extension TranscriptVerdict.Difference: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        writer.write(index)
        writer.write(reference)
        writer.write(computed)
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> TranscriptVerdict.Difference {
        TranscriptVerdict.Difference(index: try reader.read(), reference: try reader.read(), computed: try reader.read())
    }
}

extension NetworkDiagram: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        writer.write(layers)
        writer.write(connections)
        writer.write(highlight)
        writer.write(example)
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> NetworkDiagram {
        let start = reader.offset
        let diagram = NetworkDiagram(layers: try reader.read(), connections: try reader.read(), highlight: try reader.read(), example: try reader.read())
        if let flaw = diagram.sizeMismatch {
            throw TranscriptCodingError(reason: "not a network diagram: \(flaw)", offset: start)
        }
        return diagram
    }

    private init(layers: [Layer], connections: [Connection], highlight: Highlight?, example: Int?) {
        self.layers = layers
        self.connections = connections
        self.highlight = highlight
        self.example = example
    }

    /// What would make a drawing index past an array: the sizes `init(of:)` makes agree, do not.
    private var sizeMismatch: String? {
        guard connections.count + 1 == layers.count else { return "\(layers.count) layers but \(connections.count) connections" }
        func mismatch(_ values: Values, _ size: Int) -> String? {
            values.values.count == size && (values.gradients?.count ?? size) == size ? nil : "\(values.name) does not have \(size) entries and gradients"
        }
        for (k, layer) in layers.enumerated() {
            if let flaw = ([layer.neurons] + (layer.preActivation.map { [$0] } ?? [])).lazy.compactMap({ mismatch($0, layer.size) }).first { return flaw }
            guard k > 0 else { continue }
            let connection = connections[k - 1]
            let grids = [connection.weights] + (connection.weightGradients.map { [$0] } ?? [])
            guard grids.allSatisfy({ $0.count == layer.size && $0.allSatisfy { $0.count == layers[k - 1].size } }) else {
                return "the weights of \(connection.name) are not \(layer.size) × \(layers[k - 1].size)"
            }
            if let flaw = ((connection.bias.map { [$0] } ?? []) + connection.otherTerms).lazy.compactMap({ mismatch($0, layer.size) }).first { return flaw }
        }
        return nil
    }
}

extension NetworkDiagram.Values: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        writer.write(name)
        writer.write(values)
        writer.write(gradients)
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> NetworkDiagram.Values {
        NetworkDiagram.Values(name: try reader.read(), values: try reader.read(), gradients: try reader.read())
    }
}

extension NetworkDiagram.Layer: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        writer.write(neurons)
        writer.write(preActivation)
        writer.write(activation)
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> NetworkDiagram.Layer {
        NetworkDiagram.Layer(neurons: try reader.read(), preActivation: try reader.read(), activation: try reader.read())
    }
}

extension NetworkDiagram.Connection: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        writer.write(name)
        writer.write(isShared)
        writer.write(weights)
        writer.write(weightGradients)
        writer.write(layout.rawValue)
        writer.write(bias)
        writer.write(otherTerms)
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> NetworkDiagram.Connection {
        let (name, isShared, weights, weightGradients): (String, Bool, [[Double]], [[Double]]?) = (try reader.read(), try reader.read(), try reader.read(), try reader.read())
        let word: String = try reader.read()
        guard let layout = NetworkDiagram.WeightLayout(rawValue: word) else { throw reader.failure("\"\(word)\" is not a weight layout") }
        return NetworkDiagram.Connection(name: name, isShared: isShared, weights: weights, weightGradients: weightGradients, layout: layout,
                                         bias: try reader.read(), otherTerms: try reader.read())
    }
}

extension NetworkDiagram.Highlight: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) {
        switch self {
        case let .neuron(layer, index): writer.tag(0); writer.write(layer); writer.write(index)
        case let .edge(connection, to, from): writer.tag(1); writer.write(connection); writer.write(to); writer.write(from)
        case let .bias(connection, index): writer.tag(2); writer.write(connection); writer.write(index)
        }
    }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> NetworkDiagram.Highlight {
        switch try reader.tag(for: "a highlight") {
        case 0: return .neuron(layer: try reader.read(), index: try reader.read())
        case 1: return .edge(connection: try reader.read(), to: try reader.read(), from: try reader.read())
        case 2: return .bias(connection: try reader.read(), index: try reader.read())
        case let other: throw reader.failure("\(other) is not a kind of highlight (0 to 2)")
        }
    }
}

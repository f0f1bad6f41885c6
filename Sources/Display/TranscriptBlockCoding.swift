import Foundation
import Autograd

// Transcript blocks as bytes and back, for a transcript kept in a file. A small binary format
// rather than Codable with Foundation's encoders, because those are not exact: JSON writes every
// NaN as one string (a NaN's sign and payload are lost; x86's 0/0 is a negative NaN), and the
// binary property list shares equal numbers, so 0.0 and -0.0 come back as the same one.
//
// The format: a header, then the blocks as TranscriptBytes.swift writes values. Each type below
// writes its fields in order and reads them back in the same order; an enum writes a tag first.

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

/// A tensor in a block is a leaf with no graph: its shape, entries and label are all of it.
private struct LeafTensor: TranscriptCodable {
    let tensor: Tensor

    func write(to writer: inout TranscriptByteWriter) { writer.write(tensor.shape, tensor.data, tensor.label) }
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
        case let .value(name, value): writer.tag(2); writer.write(name, LeafTensor(tensor: value))
        case let .heatmap(name, value): writer.tag(3); writer.write(name, LeafTensor(tensor: value))
        case let .verdict(verdict): writer.tag(4); writer.write(verdict)
        case let .note(text): writer.tag(5); writer.write(text)
        case let .figure(text): writer.tag(6); writer.write(text)
        case let .network(name, diagram): writer.tag(7); writer.write(name, diagram)
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
    func write(to writer: inout TranscriptByteWriter) { writer.write(kind.rawValue, headline, referenceName, differences) }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> TranscriptVerdict {
        let word: String = try reader.read()
        guard let kind = Kind(rawValue: word) else { throw reader.failure("\"\(word)\" is not a kind of verdict") }
        return TranscriptVerdict(kind: kind, headline: try reader.read(), referenceName: try reader.read(), differences: try reader.read())
    }
}

extension TranscriptVerdict.Difference: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) { writer.write(index, reference, computed) }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> TranscriptVerdict.Difference {
        TranscriptVerdict.Difference(index: try reader.read(), reference: try reader.read(), computed: try reader.read())
    }
}

extension NetworkDiagram: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) { writer.write(layers, connections, highlight, example) }
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

    /// What would make a drawing index past an array: sizes that `init(of:)` makes agree and these do not.
    private var sizeMismatch: String? {
        guard connections.count + 1 == layers.count else { return "\(layers.count) layers but \(connections.count) connections" }
        for (k, layer) in layers.enumerated() {
            // What has one entry per neuron of this column: its values, its weighted sums, and the bias
            // and other terms of the connection into it.
            var perNeuron = [layer.neurons] + [layer.preActivation].compactMap { $0 }
            if k > 0 {
                let connection = connections[k - 1]
                perNeuron += [connection.bias].compactMap { $0 } + connection.otherTerms
                let grids = [connection.weights] + [connection.weightGradients].compactMap { $0 }
                guard grids.allSatisfy({ $0.count == layer.size && $0.allSatisfy { $0.count == layers[k - 1].size } }) else {
                    return "the weights of \(connection.name) are not \(layer.size) × \(layers[k - 1].size)"
                }
            }
            if let odd = perNeuron.first(where: { $0.values.count != layer.size || ($0.gradients.map { $0.count != layer.size } ?? false) }) {
                return "\(odd.name) does not have one entry and gradient per neuron of its column (\(layer.size))"
            }
        }
        return nil
    }
}

extension NetworkDiagram.Values: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) { writer.write(name, values, gradients) }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> NetworkDiagram.Values {
        NetworkDiagram.Values(name: try reader.read(), values: try reader.read(), gradients: try reader.read())
    }
}

extension NetworkDiagram.Layer: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) { writer.write(neurons, preActivation, activation) }
    static func read(from reader: inout TranscriptByteReader) throws(TranscriptCodingError) -> NetworkDiagram.Layer {
        NetworkDiagram.Layer(neurons: try reader.read(), preActivation: try reader.read(), activation: try reader.read())
    }
}

extension NetworkDiagram.Connection: TranscriptCodable {
    func write(to writer: inout TranscriptByteWriter) { writer.write(name, isShared, weights, weightGradients, layout.rawValue, bias, otherTerms) }
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
        case let .neuron(layer, index): writer.tag(0); writer.write(layer, index)
        case let .edge(connection, to, from): writer.tag(1); writer.write(connection, to, from)
        case let .bias(connection, index): writer.tag(2); writer.write(connection, index)
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

import Autograd
import Foundation

/// `:save FILE` / `:load FILE`: the variables with their values and the lesson position, as JSON.
/// Loading checks everything before touching the session, so a damaged file changes nothing.
struct SessionFile: Codable, Equatable {
    static let currentVersion = 1

    struct Variable: Codable, Equatable {
        let name: String
        let shape: [Int]
        let data: [Double]
    }

    var version = SessionFile.currentVersion
    /// The open lesson's file, if any, and how many of its statements had run.
    var lesson: String?
    var position: Int
    var variables: [Variable]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func write(to path: String) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // JSON has no NaN or infinity; they are spelled as the language spells them.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure(description: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    static func read(from path: String) throws(Failure) -> SessionFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Failure(description: "cannot read \(path): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let file: SessionFile
        do { file = try decoder.decode(SessionFile.self, from: data) } catch {
            throw Failure(description: "\(path) is not a stepgrad session file (saved with :save): \(Self.reason(error))")
        }
        try file.validate(path)
        return file
    }

    /// The tensors to bind, in order.
    func tensors() throws(Failure) -> [(String, Tensor)] {
        var result: [(String, Tensor)] = []
        for variable in variables {
            do {
                result.append((variable.name, try Tensor(shape: variable.shape, data: variable.data, label: variable.name)))
            } catch {
                throw Failure(description: "variable \(variable.name): \(error.description)")
            }
        }
        return result
    }

    private func validate(_ path: String) throws(Failure) {
        guard version == Self.currentVersion else {
            throw Failure(description: "\(path) has session format \(version); this stepgrad reads format \(Self.currentVersion)")
        }
        guard position >= 0 else { throw Failure(description: "\(path): the lesson position \(position) is negative") }
        let limit = Shape.elementLimit.load(ordering: .relaxed)
        for variable in variables {
            guard let first = variable.name.unicodeScalars.first,
                  first == "_" || CharacterSet.letters.contains(first),
                  variable.name.unicodeScalars.allSatisfy({ $0 == "_" || CharacterSet.alphanumerics.contains($0) }) else {
                throw Failure(description: "\(path): '\(variable.name)' is not a variable name")
            }
            guard variable.shape.allSatisfy({ $0 >= 0 && $0 <= limit }) else {
                throw Failure(description: "\(path): variable \(variable.name) has an impossible shape \(variable.shape)")
            }
            let (count, overflow) = variable.shape.reduce((1, false)) { acc, size in
                let (product, o) = acc.0.multipliedReportingOverflow(by: size)
                return (product, acc.1 || o)
            }
            guard !overflow, count == variable.data.count, count <= limit else {
                throw Failure(description: "\(path): variable \(variable.name) has shape \(variable.shape) but \(variable.data.count) numbers")
            }
        }
    }

    private static func reason(_ error: Error) -> String {
        switch error as? DecodingError {
        case let .dataCorrupted(context)?: return context.debugDescription
        case let .keyNotFound(key, _)?: return "'\(key.stringValue)' is missing"
        case let .typeMismatch(_, context)?, let .valueNotFound(_, context)?:
            return "wrong value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return error.localizedDescription
        }
    }
}

import Foundation
import WorkbenchKit

/// Text and JSON renderings of the L* results for the CLI. JSON uses null for the diagonal
/// (JSON has no NaN) and sorted keys so outputs diff cleanly.
extension DigitPairTable {
    public var text: String {
        var lines = ["Minimum linear error L* per digit pair (MNIST \(split.rawValue) split, 5x5 + bias)"]
        lines.append("     " + (0..<10).map { pad("\($0)", 8) }.joined())
        for a in 0..<10 {
            lines.append(pad("\(a)", 5) + values[a].map { pad($0.map { fixed($0, 5) } ?? "-", 8) }.joined())
        }
        lines.append("")
        lines.append("average L* per digit (Fig. 18b):")
        lines.append("     " + (0..<10).map { pad("\($0)", 8) }.joined())
        lines.append("     " + digitAverages.map { pad(fixed($0, 5), 8) }.joined())
        lines.append("easiest to hardest: " + easiestFirst.map(String.init).joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() throws -> String { try encodeJSON(self) }
}

extension DigitPairLoss {
    public var text: String {
        let tuple = digits.map(String.init).joined(separator: ",")
        let counts = zip(digits, digitCounts).map { "\($0): \($1)" }.joined(separator: ", ")
        return "L*(\(tuple)) = \(fixed(minimumLoss, 6)) on the MNIST \(split.rawValue) split (\(exampleCount) images; \(counts))\n"
    }

    public func json() throws -> String { try encodeJSON(self) }
}

func encodeJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    } catch {
        throw WorkbenchError("cannot encode \(T.self) as JSON: \(error)")
    }
}

private func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
}

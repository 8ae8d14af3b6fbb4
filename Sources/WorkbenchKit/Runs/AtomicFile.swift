import Foundation
import SafeOutput

/// Whole-file writes for run output (`SafeOutput.AtomicWrite`), failures worded as `WorkbenchError`.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        do {
            try AtomicWrite.write(data, to: path)
        } catch let failure as AtomicWrite.Failure {
            throw WorkbenchError("cannot write '\(path)': \(failure.reason)")
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Creates `directory` if needed and proves it writable before any long computation starts.
    public static func prepareDirectory(_ directory: String) throws {
        switch AtomicWrite.directoryProblem(directory) {
        case nil: return
        case .notADirectory: throw WorkbenchError("output path '\(directory)' exists and is not a directory")
        case .cannotCreate(let reason): throw WorkbenchError("cannot create output directory '\(directory)': \(reason)")
        case .notWritable(let reason): throw WorkbenchError("output directory '\(directory)' is not writable: \(reason)")
        }
    }
}

/// CSV with a header row; columns may differ in length (short ones leave empty cells).
public func csvText(_ columns: [SeriesColumn]) -> String {
    var out = columns.map(\.name).joined(separator: ",") + "\n"
    let rows = columns.map(\.values.count).max() ?? 0
    out.reserveCapacity(rows * columns.count * 12)
    for r in 0..<rows {
        var first = true
        for c in columns {
            if !first { out += "," }
            first = false
            if r < c.values.count { out += csvNumber(c.values[r]) }
        }
        out += "\n"
    }
    return out
}

@inline(__always)
func csvNumber(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
    return "\(v)"
}

/// JSON with sorted keys; non-finite numbers become null (JSON has no NaN).
public func jsonData(_ object: [String: Any]) throws -> Data {
    func clean(_ x: Any) -> Any {
        switch x {
        case let d as Double: return d.isFinite ? d : NSNull()
        case let a as [Double]: return a.map { $0.isFinite ? $0 as Any : NSNull() }
        case let a as [Any]: return a.map(clean)
        case let o as [String: Any]: return o.mapValues(clean)
        default: return x
        }
    }
    return try JSONSerialization.data(withJSONObject: clean(object), options: [.prettyPrinted, .sortedKeys])
}

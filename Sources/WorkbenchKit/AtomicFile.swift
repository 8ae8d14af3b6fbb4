import Foundation

/// Writes files so a reader never sees half of one: the bytes go to a temporary name in the
/// same directory, then a rename (atomic on POSIX) puts them in place.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: temp.path, contents: data) else {
            throw WorkbenchError("cannot write '\(path)': the directory is missing or not writable")
        }
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw WorkbenchError("cannot write '\(path)': \(reason)")
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Creates `directory` if needed and proves it writable before any long computation starts.
    public static func prepareDirectory(_ directory: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw WorkbenchError("output path '\(directory)' exists and is not a directory")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw WorkbenchError("cannot create output directory '\(directory)': permission denied or invalid path")
            }
        }
        let probe = (directory as NSString).appendingPathComponent(".write-probe-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            throw WorkbenchError("output directory '\(directory)' is not writable")
        }
        try? FileManager.default.removeItem(atPath: probe)
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

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so a reader never sees half of one: the bytes go to a temporary name in the
/// same directory, then a rename (atomic on POSIX) puts them in place.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        if let reason = writeFile(data, to: temp.path) {
            unlink(temp.path)
            throw WorkbenchError("cannot write '\(path)': \(reason)")
        }
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp.path)
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
                throw WorkbenchError("cannot create output directory '\(directory)': \(systemReason(error))")
            }
        }
        let probe = (directory as NSString).appendingPathComponent(".write-probe-\(ProcessInfo.processInfo.processIdentifier)")
        if let reason = writeFile(Data(), to: probe) {
            unlink(probe)
            throw WorkbenchError("output directory '\(directory)' is not writable: \(reason)")
        }
        unlink(probe)
    }

    /// open/write/close, returning the system's reason for the first failure (errno, e.g. "No
    /// space left on device" or "Permission denied"), nil on success.
    static func writeFile(_ data: Data, to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        // close reports deferred write errors (NFS, some full file systems).
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        return failure
    }

    /// The POSIX reason inside a Foundation error ("No space left on device"), else its description.
    static func systemReason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
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

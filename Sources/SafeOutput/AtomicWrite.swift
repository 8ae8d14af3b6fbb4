import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes whole files or nothing, for every module that writes output (run results, figures,
/// the index): bytes go to a hidden temporary name in the target's directory, then one
/// rename(2) puts them in place, so a reader never sees half a file. Files that belong together
/// (a figure and its data CSV) are all staged before the first is renamed, so a full disk or a
/// bad path leaves none of them behind. Failures carry the system's reason; each module words
/// them as its own error (`WorkbenchError`, `RenderError`).
public enum AtomicWrite {
    /// Why a write failed: `reason` is the system's (errno) text or what was found; `expected`
    /// says what would have worked.
    public struct Failure: Error, Equatable {
        public let path: String
        public let reason: String
        public let expected: String
    }

    /// Bytes written under a temporary name, waiting for `commit` (rename into place) or `discard`.
    public struct Staged {
        let temp: String
        public let target: String

        public func commit() throws {
            if rename(temp, target) != 0 {
                let reason = String(cString: strerror(errno))
                discard()
                throw Failure(path: target, reason: reason, expected: "a writable file path")
            }
        }

        public func discard() { unlink(temp) }
    }

    public static func write(_ data: Data, to path: String) throws {
        try writeTogether([(data, path)])
    }

    /// Writes every file or none: all are staged before the first is renamed into place.
    public static func writeTogether(_ files: [(data: Data, path: String)]) throws {
        var staged: [Staged] = []
        do {
            for file in files { staged.append(try stage(file.data, to: file.path)) }
        } catch {
            staged.forEach { $0.discard() }
            throw error
        }
        for (i, file) in staged.enumerated() {
            do {
                try file.commit()
            } catch {
                // Renames within one directory fail only on exotic targets (checked in `stage`);
                // should one fail anyway, take back the files already placed rather than leave half a set.
                staged[(i + 1)...].forEach { $0.discard() }
                staged[..<i].forEach { unlink($0.target) }
                throw error
            }
        }
    }

    /// Writes `data` to a temporary file beside `path`.
    public static func stage(_ data: Data, to path: String) throws -> Staged {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw Failure(path: path, reason: "directory \(dir.path) does not exist", expected: "an existing directory")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw Failure(path: path, reason: "it is a directory", expected: "a file path")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))").path
        if let reason = writeFile(data, to: temp) {
            unlink(temp)
            throw Failure(path: path, reason: reason, expected: "a writable directory with free space")
        }
        return Staged(temp: temp, target: path)
    }

    /// Why a directory cannot take output.
    public enum DirectoryProblem: Equatable {
        case notADirectory
        /// With the system's reason.
        case cannotCreate(String)
        case notWritable(String)
    }

    /// Creates `directory` if needed and proves it writable (before any long computation
    /// starts); nil when a file can be written there.
    public static func directoryProblem(_ directory: String) -> DirectoryProblem? {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { return .notADirectory }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                return .cannotCreate(systemReason(error))
            }
        }
        let probe = (directory as NSString).appendingPathComponent(".write-probe-\(getpid())")
        defer { unlink(probe) }
        return writeFile(Data(), to: probe).map { .notWritable($0) }
    }

    /// open/write/close of a new file, returning the system's reason for the first failure
    /// (errno, e.g. "No space left on device" or "Permission denied"), nil on success.
    static func writeFile(_ data: Data, to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
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
    public static func systemReason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}

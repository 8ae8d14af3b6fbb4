import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file or nothing: bytes go to a hidden temporary name in the same
/// directory, then one rename(2) replaces the target, so readers never see half a file.
/// Several files that belong together (a figure and its data CSV) are all staged first and
/// only then renamed into place, so a full disk or a bad path leaves none of them behind.
enum AtomicFile {
    /// Bytes written under a temporary name, waiting for `commit` (rename into place) or `discard`.
    struct Staged {
        let temp: String
        let target: String
        let what: String

        func commit() throws {
            if rename(temp, target) != 0 {
                let message = String(cString: strerror(errno))
                discard()
                throw RenderError("cannot write \(what) \(target): \(message); expected a writable file path")
            }
        }

        func discard() { unlink(temp) }
    }

    static func write(_ data: Data, to url: URL, what: String) throws {
        try writeTogether([(data, url, what)])
    }

    /// Writes every file or none: all are staged before the first is renamed into place.
    static func writeTogether(_ files: [(data: Data, url: URL, what: String)]) throws {
        var staged: [Staged] = []
        do {
            for file in files { staged.append(try stage(file.data, to: file.url, what: file.what)) }
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

    /// Writes `data` to a temporary file beside `url`, reporting the system's reason (errno) on failure.
    static func stage(_ data: Data, to url: URL, what: String) throws -> Staged {
        let path = url.path
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw RenderError("cannot write \(what) \(path): directory \(dir.path) does not exist; expected an existing directory")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw RenderError("cannot write \(what) \(path): it is a directory; expected a file path")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))").path
        if let failure = writeFile(data, to: temp) {
            unlink(temp)
            throw RenderError("cannot write \(what) \(path): \(failure); expected a writable directory with free space")
        }
        return Staged(temp: temp, target: path, what: what)
    }

    /// open/write/close with the errno text of the first failure (e.g. "No space left on device"), nil on success.
    private static func writeFile(_ data: Data, to path: String) -> String? {
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
}

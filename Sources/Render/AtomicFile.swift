import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file or nothing: bytes go to a hidden temporary name in the same
/// directory, then one rename(2) replaces the target, so readers never see half a file.
enum AtomicFile {
    static func write(_ data: Data, to url: URL, what: String) throws {
        let path = url.path
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw RenderError("cannot write \(what) \(path): directory \(dir.path) does not exist; expected an existing directory")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try data.write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw RenderError("cannot write \(what) \(path): \(reason(error)); expected a writable directory")
        }
        if rename(temp.path, path) != 0 {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw RenderError("cannot write \(what) \(path): \(message); expected a writable file path")
        }
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}

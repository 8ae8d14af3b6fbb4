import Foundation
import WorkbenchKit
#if canImport(Glibc)
import Glibc
#endif

/// Data files must be regular files: a directory cannot be read as one, and a FIFO or a device
/// (say a link to /dev/zero) would block or never end, so they are refused by name up front.
enum RegularFile {
    static func check(_ path: String, expected: String) throws {
        var s = stat()
        guard stat(path, &s) == 0 else {
            throw WorkbenchError("cannot read \(path): \(String(cString: strerror(errno))); expected \(expected)")
        }
        let kind: String
        switch s.st_mode & S_IFMT {
        case S_IFREG:
            // Foundation words an unreadable file as "You don't have permission"; say what the system says.
            guard access(path, R_OK) == 0 else {
                throw WorkbenchError("cannot read \(path): \(String(cString: strerror(errno))); expected \(expected) this user can read")
            }
            return
        case S_IFDIR: kind = "a directory"
        case S_IFIFO: kind = "a FIFO"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "a special file"
        }
        throw WorkbenchError("cannot read \(path): not a regular file (it is \(kind)); expected \(expected)")
    }
}

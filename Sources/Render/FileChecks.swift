import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether two paths name the same existing file, however spelt (`./a.csv`, `../dir/a.csv`,
/// a symbolic or hard link): same device and inode. A path that does not exist names nothing yet.
enum SamePath {
    static func same(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}

/// What an existing input path is when it is not a regular file ("a directory", "a FIFO",
/// "a device"), nil for a regular file or a path that does not exist. Reading a FIFO or
/// /dev/zero would block or never end, so inputs are checked before they are opened.
enum NonRegularFile {
    static func kind(_ path: String) -> String? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        switch s.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}

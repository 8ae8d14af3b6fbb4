import Foundation

/// A 64 KiB tmpfs mounted over a test directory, so the full-disk paths can be tested (needs root
/// and a kernel that allows it). Plain Foundation, no XCTest: it is an ordinary target, built by
/// `swift build` too; each test turns `Unavailable` into a skip.
public enum TinyDisk {
    /// Why this machine cannot make the small disk.
    public struct Unavailable: Error {
        public let reason: String
    }

    /// Mounts the tmpfs over `dir` (an existing folder) and returns what unmounts it.
    public static func mount(at dir: String) throws -> () -> Void {
        guard let status = run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]) else {
            throw Unavailable(reason: "cannot run /bin/mount to make a small full disk")
        }
        guard status == 0 else {
            throw Unavailable(reason: "cannot mount a 64 KiB tmpfs here (needs root or CAP_SYS_ADMIN); the full-disk path is untested")
        }
        return { _ = run("/bin/umount", [dir]) }
    }

    /// The exit status of `tool arguments`, or nil when it cannot be started.
    private static func run(_ tool: String, _ arguments: [String]) -> Int32? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

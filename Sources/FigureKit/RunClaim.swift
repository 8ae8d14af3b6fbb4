import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WorkbenchKit

/// Who computes a run: one line in the run folder's `claim` file, written by the process that
/// created the file exclusively (O_CREAT|O_EXCL, atomic on local and NFS file systems alike, so
/// two nodes of a cluster cannot both win) and rewritten (temporary name, then rename) as its
/// heartbeat while the run computes.
struct ClaimHolder: Equatable, CustomStringConvertible {
    let host: String
    let pid: Int32
    /// Unique per process: a pid is reused, and two nodes can have the same one.
    let token: String
    /// Seconds since 1970 of its last refresh.
    let heartbeat: Double

    var line: String { "host=\(host) pid=\(pid) token=\(token) heartbeat=\(String(format: "%.3f", heartbeat))\n" }

    init(host: String, pid: Int32, token: String, heartbeat: Double) {
        self.host = host; self.pid = pid; self.token = token; self.heartbeat = heartbeat
    }

    /// Parses `line`; nil for anything else (e.g. a file created but not yet written).
    init?(parsing text: String) {
        var fields: [String: String] = [:]
        for pair in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let host = fields["host"], let pid = fields["pid"].flatMap({ Int32($0) }), let token = fields["token"],
              let beat = fields["heartbeat"].flatMap({ Double($0) }), beat.isFinite else { return nil }
        self.init(host: host, pid: pid, token: token, heartbeat: beat)
    }

    /// `host:pid`, as status and progress lines name the holder.
    var description: String { "\(host):\(pid)" }
}

/// The claims of one process: taking a run's claim before computing it, refreshing it, letting
/// it go. A claim whose heartbeat is older than `staleAfter` belongs to a process that died (or
/// a node that went away) and is taken over, with a line saying so. Time comes from `clock`
/// (seconds since 1970), injected by tests; cluster nodes are assumed to agree on the time to
/// well within `staleAfter`.
final class RunClaims: @unchecked Sendable {
    static let fileName = "claim"
    /// Five minutes: many heartbeats (`refreshEvery`) must be missed, so a busy node or a slow
    /// shared file system is not taken for a dead one.
    static let defaultStaleAfter = 300.0
    static let defaultRefreshEvery = 30.0

    enum Outcome: Equatable {
        case acquired
        /// A live claim of another process (or of this one, on another thread).
        case heldBy(ClaimHolder)
    }

    let host: String
    let pid: Int32
    let token: String
    let staleAfter: Double
    let clock: () -> Double
    let log: (String) -> Void

    init(host: String = RunClaims.hostName(), pid: Int32 = getpid(), token: String = String(UUID().uuidString.prefix(12)),
         staleAfter: Double = RunClaims.defaultStaleAfter, clock: @escaping () -> Double = { Date().timeIntervalSince1970 },
         log: @escaping (String) -> Void) {
        self.host = host; self.pid = pid; self.token = token; self.staleAfter = staleAfter; self.clock = clock; self.log = log
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        return gethostname(&buffer, buffer.count) == 0 ? String(cString: buffer) : "unknown-host"
    }

    static func path(_ folder: String) -> String { (folder as NSString).appendingPathComponent(fileName) }

    /// The claim on the run in `folder`, nil when there is none. A claim file that holds no line
    /// yet (its creator is between open and write, or died there) counts from its modification time.
    func holder(_ folder: String) -> ClaimHolder? {
        let path = Self.path(folder)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        if let holder = ClaimHolder(parsing: String(decoding: data, as: UTF8.self)) { return holder }
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return ClaimHolder(host: "unknown", pid: 0, token: "", heartbeat: Double(s.st_mtim.tv_sec))
    }

    func isLive(_ holder: ClaimHolder) -> Bool { clock() - holder.heartbeat <= staleAfter }

    /// Seconds since the holder's last heartbeat, for progress lines.
    func age(_ holder: ClaimHolder) -> Double { max(0, clock() - holder.heartbeat) }

    func mine(_ holder: ClaimHolder?) -> Bool { holder?.token == token }

    /// Takes the claim on the run in `folder` (which must exist), taking over a stale one.
    func acquire(_ folder: String) throws -> Outcome {
        let path = Self.path(folder)
        // A few rounds at most: each either creates the file, finds a live holder, or removes a stale one.
        for _ in 0..<8 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                let text = me().line
                let written = text.withCString { Glibc.write(fd, $0, strlen($0)) }
                close(fd)
                guard written == text.utf8.count else {
                    unlink(path)
                    throw WorkbenchError("cannot write run claim '\(path)': \(String(cString: strerror(errno)))")
                }
                return .acquired
            }
            guard errno == EEXIST else {
                throw WorkbenchError("cannot create run claim '\(path)': \(String(cString: strerror(errno))); expected a writable run folder")
            }
            guard let holder = holder(folder) else { continue }   // released meanwhile: try again
            if isLive(holder) { return .heldBy(holder) }
            try takeOver(holder, in: folder)
        }
        throw WorkbenchError("cannot claim the run in '\(folder)': its claim file kept changing; expected one process per run to hold it")
    }

    /// Removes a stale claim, unless it changed since it was read: it is first renamed to a name
    /// of this process (one rename wins), then compared with what was judged stale, and put back
    /// when it is a fresh claim after all.
    private func takeOver(_ stale: ClaimHolder, in folder: String) throws {
        let path = Self.path(folder), aside = path + ".stale-" + token
        guard rename(path, aside) == 0 else { return }   // another process moved or released it first
        let moved = FileManager.default.contents(atPath: aside).flatMap { ClaimHolder(parsing: String(decoding: $0, as: UTF8.self)) }
        if let moved, moved != stale {
            // A claim created after the stale one was read: restore it. Should a third process have
            // claimed in between, the restored holder learns it lost at its next refresh.
            _ = link(aside, path)
            unlink(aside)
            return
        }
        unlink(aside)
        // The dead holder's half-written output is of no use to anyone.
        if !stale.token.isEmpty { try? FileManager.default.removeItem(atPath: RunCache.stagingFolder(in: folder, token: stale.token)) }
        log("taking over the claim of \(stale) on \(folder): no heartbeat for \(formatDuration(age(stale))) (stale after \(formatDuration(staleAfter)))")
    }

    /// Rewrites this process's heartbeat; false when the claim is no longer this process's (taken
    /// over while this process was stopped or cut off for longer than `staleAfter`).
    @discardableResult
    func refresh(_ folder: String) -> Bool {
        let current = holder(folder)
        guard mine(current) else { return false }
        do {
            try AtomicFile.write(me().line, to: Self.path(folder))
            return true
        } catch {
            log("warning: cannot refresh the run claim in \(folder): \(describe(error))")
            return true
        }
    }

    /// Lets the claim go, if it is still this process's.
    func release(_ folder: String) {
        if mine(holder(folder)) { unlink(Self.path(folder)) }
    }

    private func me() -> ClaimHolder { ClaimHolder(host: host, pid: pid, token: token, heartbeat: clock()) }
}

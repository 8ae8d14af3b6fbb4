import CZlib
import Foundation

/// What a run folder records about its series.csv so a damaged or cut file is recognized:
/// the data rows (lines after the header) and the zlib CRC-32 of the bytes.
public struct FileChecksum: Equatable, CustomStringConvertible {
    public var rows: Int
    public var crc32: UInt32

    public init(rows: Int, crc32: UInt32) { self.rows = rows; self.crc32 = crc32 }

    /// Of bytes about to be written (a CSV with one header line).
    public init(csv data: Data) {
        var state = Accumulator()
        data.withUnsafeBytes { state.add($0) }
        self = state.checksum
    }

    /// Of a file on disk, read in 1 MiB blocks (series files of paper runs are tens of MB);
    /// nil when it cannot be read.
    public init?(csvFile path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var state = Accumulator()
        do {
            // nil (or empty) at the end of the file; a read error throws.
            while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
                block.withUnsafeBytes { state.add($0) }
            }
        } catch {
            return nil
        }
        self = state.checksum
    }

    public var description: String { "\(rows) rows, crc32 \(String(crc32, radix: 16))" }

    private struct Accumulator {
        var crc = CZlib.crc32(0, nil, 0)
        var newlines = 0
        var endsWithNewline = true

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return }
            var offset = 0
            while offset < bytes.count {   // crc32 takes a 32-bit length
                let n = min(bytes.count - offset, 1 << 30)
                crc = CZlib.crc32(crc, base + offset, uInt(n))
                offset += n
            }
            for b in bytes where b == 10 { newlines += 1 }
            endsWithNewline = bytes[bytes.count - 1] == 10
        }

        /// A last line without its newline (a file cut mid-line) still counts as a line.
        var checksum: FileChecksum {
            let lines = newlines + (endsWithNewline ? 0 : 1)
            return FileChecksum(rows: max(0, lines - 1), crc32: UInt32(truncatingIfNeeded: crc))
        }
    }
}

import Foundation
import WorkbenchKit

/// Reads a run's series.csv (a header row, then numbers; empty cells are NaN, except a column's
/// trailing ones, which end it) column by column.
/// A plain byte scanner with strtod: series files hold steps x dozens of columns (tens of MB
/// for paper runs), which a general quoted-CSV parser reads far too slowly.
enum SeriesReader {
    static func read(_ path: String) throws -> (header: [String], columns: [[Double]]) {
        guard var data = FileManager.default.contents(atPath: path) else {
            throw WorkbenchError("cannot read \(path): missing or unreadable; delete the run folder to recompute it")
        }
        data.append(0)  // strtod needs a terminator after the last number
        return try data.withUnsafeBytes { raw -> ([String], [[Double]]) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count - 1
            var i = 0
            while i < n && bytes[i] != 10 { i += 1 }
            let headerLine = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<i]), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !headerLine.isEmpty else { throw WorkbenchError("\(path) has no header row; expected a series.csv") }
            var columns = [[Double]](repeating: [], count: header.count)
            // Cells up to each column's last written one: the writer leaves a column shorter than the
            // series (an SGD replay shorter than the horizon) as trailing empty cells, not part of it.
            var written = [Int](repeating: 0, count: header.count)
            var line = 1
            i += 1
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            while i < n {
                line += 1
                var c = 0
                while true {
                    guard c < header.count else {
                        throw WorkbenchError("\(path) line \(line): more cells than the \(header.count) columns; delete the run folder to recompute it")
                    }
                    if i >= n || bytes[i] == 44 || bytes[i] == 10 || bytes[i] == 13 {
                        columns[c].append(.nan)   // empty cell
                    } else {
                        var end: UnsafeMutablePointer<CChar>? = nil
                        let v = strtod(base + i, &end)
                        let consumed = UnsafeRawPointer(end!) - UnsafeRawPointer(base + i)
                        guard consumed > 0 else {
                            throw WorkbenchError("\(path) line \(line), column '\(header[c])': not a number; delete the run folder to recompute it")
                        }
                        columns[c].append(v)
                        written[c] = columns[c].count
                        i += consumed
                    }
                    c += 1
                    if i >= n || bytes[i] == 10 || bytes[i] == 13 { break }
                    guard bytes[i] == 44 else {
                        throw WorkbenchError("\(path) line \(line): unexpected text after a number in column \(c); delete the run folder to recompute it")
                    }
                    i += 1
                }
                guard c == header.count else {
                    throw WorkbenchError("\(path) line \(line): \(c) cells for \(header.count) columns; delete the run folder to recompute it")
                }
                while i < n && (bytes[i] == 10 || bytes[i] == 13) { i += 1 }
            }
            for c in columns.indices where written[c] < columns[c].count { columns[c].removeLast(columns[c].count - written[c]) }
            return (header, columns)
        }
    }
}

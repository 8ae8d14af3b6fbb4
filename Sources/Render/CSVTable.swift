import Foundation

/// A CSV file with a header row, read for plotting: columns by name, cells as numbers.
public struct CSVTable {
    public let path: String
    public let header: [String]
    /// Data rows (without the header); short rows are padded with empty cells.
    public let rows: [[String]]

    public init(path: String) throws {
        if let kind = NonRegularFile.kind(path) {
            throw RenderError("cannot read CSV \(path): not a regular file (it is \(kind)); expected a CSV file with a header row")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RenderError("cannot read CSV \(path): file missing or unreadable; expected a CSV file with a header row")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RenderError("cannot read CSV \(path): not UTF-8 text; expected a CSV file")
        }
        try self.init(text: text, path: path)
    }

    public init(text: String, path: String = "<csv>") throws {
        var all = CSV.parse(text)
        while let last = all.last, last.allSatisfy({ $0.isEmpty }) { all.removeLast() }
        guard let head = all.first, !head.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw RenderError("CSV \(path) is empty; expected a header row naming the columns")
        }
        self.path = path
        self.header = head.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = all.dropFirst().map { $0 + Array(repeating: "", count: max(0, head.count - $0.count)) }
    }

    /// The column's cells as numbers; empty cells (padding) are NaN and leave a gap.
    /// Errors name the column, the 1-based file line and the offending text.
    public func numbers(_ column: String) throws -> [Double] {
        guard let c = header.firstIndex(of: column) else {
            throw RenderError("CSV \(path) has no column '\(column)'; valid columns: \(header.joined(separator: ", "))")
        }
        return try rows.enumerated().map { (i, row) in
            let cell = row[c].trimmingCharacters(in: .whitespaces)
            if cell.isEmpty { return .nan }
            guard let v = Double(cell) else {
                throw RenderError("CSV \(path) line \(i + 2), column '\(column)': '\(cell)' is not a number; expected a decimal number or an empty cell")
            }
            return v
        }
    }
}

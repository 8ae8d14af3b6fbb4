import Foundation

/// CSV field helpers shared by the writer and the reader (RFC 4180 quoting).
enum CSV {
    /// Shortest text that reads back as the same Double; empty for NaN so gaps stay gaps.
    static func number(_ v: Double) -> String {
        if v.isNaN { return "" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Lower-case letters, digits and underscores: a label made safe for a column name.
    static func slug(_ s: String) -> String {
        var out = ""
        for ch in RichText.plain(s).lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) }
            else if ch == "." || ch == "-" { out.append(ch) }
            else if !out.hasSuffix("_") { out.append("_") }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
        return trimmed.isEmpty ? "series" : trimmed
    }

    /// Splits CSV text into rows of fields, honouring quotes (which may contain commas and newlines).
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var inQuotes = false
        var it = Array(text.unicodeScalars)[...]
        while let c = it.first {
            it = it.dropFirst()
            if inQuotes {
                if c == "\"" {
                    if it.first == "\"" { field.unicodeScalars.append("\""); it = it.dropFirst() } else { inQuotes = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r" && it.first == "\n" { it = it.dropFirst() }
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

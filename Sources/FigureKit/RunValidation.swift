import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WorkbenchKit

/// Whether a finished run folder is whole: result.json a JSON object with the values figures
/// read, and series.csv exactly what result.json says was written (rows and CRC-32). Folders
/// from before the checksum existed are checked as far as they can be: at least one data row,
/// and as many rows as the run's `steps` parameter when it has one (every experiment with a
/// `steps` parameter writes one row per step), which catches a file cut at a line boundary.
enum RunValidation {
    /// Why the run in `folder` cannot be trusted, nil when it is whole.
    static func problem(folder: String) -> String? {
        let dir = folder as NSString
        // Reading a FIFO (or a device) put in place of a run file would block or never end.
        for name in [RunFiles.result, RunFiles.series] {
            var s = stat()
            let path = dir.appendingPathComponent(name)
            if stat(path, &s) == 0, s.st_mode & S_IFMT != S_IFREG { return "\(name) is not a regular file" }
        }
        let json: [String: Any]
        switch ResultFile.read(folder: folder) {
        case .unreadable: return "result.json is missing or unreadable"
        case .notAnObject(let bytes): return "result.json is not a JSON object (\(bytes) bytes)"
        case .object(let object): json = object
        }
        for key in [RunResults.value.baseline, RunResults.value.control, RunResults.seconds] where jsonDouble(json[key.text]) == nil {
            return "result.json has no number '\(key)'"
        }
        let seriesPath = dir.appendingPathComponent(RunFiles.series)
        guard let found = FileChecksum(csvFile: seriesPath) else { return "series.csv is missing or unreadable" }
        if let rows = json[RunResults.seriesRows.text] as? Int, let crc = jsonDouble(json[RunResults.seriesCRC32.text]) {
            let recorded = FileChecksum(rows: rows, crc32: UInt32(exactly: crc) ?? 0)
            return found == recorded ? nil : "series.csv has \(found), result.json records \(recorded)"
        }
        guard found.rows > 0 else { return "series.csv has no data rows" }
        if let parameters = json[RunResults.parameters.text] as? [String: Any], let steps = parameters[Parameter<Int>.steps.name] as? Int, steps != found.rows {
            return "series.csv has \(found.rows) rows for \(steps) steps"
        }
        return nil
    }
}

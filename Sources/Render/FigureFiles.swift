import Foundation
import SafeOutput

/// Whole-file writes for figures (`SafeOutput.AtomicWrite`), failures worded as `RenderError`
/// naming what was written ("figure", "figure data").
enum FigureFiles {
    static func write(_ data: Data, to url: URL, what: String) throws {
        try writeTogether([(data, url, what)])
    }

    /// Writes every file or none: all are staged before the first is renamed into place.
    static func writeTogether(_ files: [(data: Data, url: URL, what: String)]) throws {
        do {
            try AtomicWrite.writeTogether(files.map { ($0.data, $0.url.path) })
        } catch let failure as AtomicWrite.Failure {
            let what = files.first { $0.url.path == failure.path }?.what ?? "file"
            throw RenderError("cannot write \(what) \(failure.path): \(failure.reason); expected \(failure.expected)")
        }
    }
}

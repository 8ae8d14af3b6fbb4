import Foundation
import WorkbenchKit

/// The contents of a data file, transparently gunzipped. `compressed` tells error messages that
/// offsets refer to the decompressed stream rather than to the bytes on disk.
struct FileBytes {
    let path: String
    let bytes: [UInt8]
    let compressed: Bool

    /// `decompressionLimit`: the most bytes a gzipped file may inflate to (tests set it small).
    init(path: String, decompressionLimit: Int = Gzip.maximumOutput) throws {
        try RegularFile.check(path, expected: "an IDX file, raw or gzipped")
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw WorkbenchError("cannot read \(path): \(error.localizedDescription)")
        }
        let raw = [UInt8](data)
        self.path = path
        if Gzip.isGzip(raw) {
            bytes = try Gzip.decompress(raw, file: path, limit: decompressionLimit)
            compressed = true
        } else {
            bytes = raw
            compressed = false
        }
    }

    /// "byte offset 16" or "byte offset 16 of the decompressed data".
    func offsetDescription(_ offset: Int) -> String {
        compressed ? "byte offset \(offset) of the decompressed data" : "byte offset \(offset)"
    }
}

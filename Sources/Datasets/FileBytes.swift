import Foundation
import WorkbenchKit

/// The contents of a data file, transparently gunzipped. `compressed` tells error messages that
/// offsets refer to the decompressed stream rather than to the bytes on disk.
struct FileBytes {
    let path: String
    let bytes: [UInt8]
    let compressed: Bool

    /// How many leading bytes `declaredLength` needs to see.
    static let headerPrefix = 16
    /// Inflated bytes tolerated past the declared length, so a few trailing bytes are still
    /// reported as such rather than as an oversized file.
    static let trailingSlack = 4096

    /// `declaredLength` reads the file's header (its first `headerPrefix` bytes, fewer if the
    /// file is shorter) and returns the length the whole file must have, or nil when the header
    /// is not readable; a gzipped file is never inflated past that length (plus a little), so a
    /// gzip bomb costs no more memory than the file it pretends to be. `decompressionLimit` caps
    /// everything else. Bundled files are checked against their recorded sha256 first.
    init(path: String, decompressionLimit: Int = Gzip.maximumOutput,
         declaredLength: ([UInt8]) -> Int? = { _ in nil }) throws {
        try RegularFile.check(path, expected: "an IDX file, raw or gzipped")
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw WorkbenchError("cannot read \(path): \(error.localizedDescription)")
        }
        let raw = [UInt8](data)
        if let expected = BundledMNIST.expectedChecksum(of: path) {
            try BundledMNIST.verify(raw, path: path, expected: expected)
        }
        self.path = path
        guard Gzip.isGzip(raw) else {
            bytes = raw
            compressed = false
            return
        }
        compressed = true
        let header = try Gzip.prefix(raw, count: Self.headerPrefix, file: path)
        guard let declared = declaredLength(header) else {
            // An unreadable header needs no more than itself to be reported.
            bytes = header
            return
        }
        let limit = min(decompressionLimit, declared + Self.trailingSlack)
        let expectation = limit < decompressionLimit
            ? "its header declares \(declared) bytes"
            : "expected an MNIST-sized file"
        bytes = try Gzip.decompress(raw, file: path, limit: limit, expectation: expectation)
    }

    /// "byte offset 16" or "byte offset 16 of the decompressed data".
    func offsetDescription(_ offset: Int) -> String {
        compressed ? "byte offset \(offset) of the decompressed data" : "byte offset \(offset)"
    }
}

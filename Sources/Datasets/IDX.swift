import WorkbenchKit

/// IDX files (LeCun's MNIST format): a 4-byte big-endian magic 0x0000 08 RR (08 = unsigned
/// bytes, RR = rank), RR big-endian UInt32 dimensions, then the bytes in row-major order and
/// nothing else. Every length is checked so a truncated download is never read as data.
public enum IDX {
    public static let imagesMagic: UInt32 = 2051  // 0x00000803: unsigned bytes, rank 3
    public static let labelsMagic: UInt32 = 2049  // 0x00000801: unsigned bytes, rank 1

    /// Images as stored: `count` images of `rows` x `columns` bytes, row-major.
    public struct Images: Sendable, Equatable {
        public let count: Int, rows: Int, columns: Int
        public let pixels: [UInt8]
    }

    public static func readImages(path: String) throws -> Images {
        let file = try FileBytes(path: path, declaredLength: declaredLength)
        let (dims, start) = try header(file, magic: imagesMagic, what: "IDX images")
        return Images(count: dims[0], rows: dims[1], columns: dims[2],
                      pixels: Array(file.bytes[start...]))
    }

    public static func readLabels(path: String) throws -> [UInt8] {
        let file = try FileBytes(path: path, declaredLength: declaredLength)
        let (_, start) = try header(file, magic: labelsMagic, what: "IDX labels")
        return Array(file.bytes[start...])
    }

    /// The length a file must have according to its first bytes (magic and dimensions), or nil
    /// when they do not form a readable IDX header; `header` reports why.
    static func declaredLength(_ prefix: [UInt8]) -> Int? {
        guard prefix.count >= 4 else { return nil }
        let magic = readUInt32(prefix, at: 0)
        guard magic == imagesMagic || magic == labelsMagic else { return nil }
        let rank = Int(magic & 0xff), headerLength = 4 + 4 * rank
        guard prefix.count >= headerLength else { return nil }
        var payload = 1
        for d in 0..<rank {
            let (product, overflow) = payload.multipliedReportingOverflow(by: Int(readUInt32(prefix, at: 4 + 4 * d)))
            guard !overflow, product <= Gzip.maximumOutput else { return nil }
            payload = product
        }
        return headerLength + payload
    }

    /// Validates magic, dimensions and the exact file length; returns the dimensions and the
    /// offset where the payload starts.
    static func header(_ file: FileBytes, magic: UInt32, what: String) throws -> ([Int], Int) {
        let bytes = file.bytes, path = file.path
        let rank = Int(magic & 0xff)
        let headerLength = 4 + 4 * rank
        let expectedMagic = "0x\(hex(magic)) (\(magic), \(what))"
        guard bytes.count >= 4 else {
            throw WorkbenchError("\(path): file ends at \(file.offsetDescription(bytes.count)) inside the magic number; expected \(expectedMagic)")
        }
        let found = readUInt32(bytes, at: 0)
        guard found == magic else {
            var hint = ""
            if found == imagesMagic || found == labelsMagic {
                hint = " - this looks like an \(found == imagesMagic ? "images" : "labels") file"
            } else if found >> 16 != 0 {
                hint = " - not an IDX file"
            }
            throw WorkbenchError("\(path): wrong magic number 0x\(hex(found)) at \(file.offsetDescription(0)); expected \(expectedMagic)\(hint)")
        }
        guard bytes.count >= headerLength else {
            throw WorkbenchError("\(path): header truncated at \(file.offsetDescription(bytes.count)); expected a \(headerLength)-byte header with \(rank) dimensions")
        }
        var dims: [Int] = []
        var payload = 1
        for d in 0..<rank {
            let value = Int(readUInt32(bytes, at: 4 + 4 * d))
            guard value > 0 else {
                throw WorkbenchError("\(path): dimension \(d) is 0 at \(file.offsetDescription(4 + 4 * d)); expected a positive size")
            }
            let (product, overflow) = payload.multipliedReportingOverflow(by: value)
            guard !overflow && product <= Gzip.maximumOutput else {
                throw WorkbenchError("\(path): dimensions \(dims + [value]) describe more than \(Gzip.maximumOutput) bytes; expected an MNIST-sized file")
            }
            payload = product
            dims.append(value)
        }
        let expectedLength = headerLength + payload
        let shape = dims.map(String.init).joined(separator: " x ")
        if bytes.count < expectedLength {
            throw WorkbenchError("\(path): truncated: data ends at \(file.offsetDescription(bytes.count)) but the header (\(shape)) needs \(expectedLength) bytes")
        }
        if bytes.count > expectedLength {
            throw WorkbenchError("\(path): \(bytes.count - expectedLength) trailing bytes after the end of the data at \(file.offsetDescription(expectedLength)); the header (\(shape)) describes exactly \(expectedLength) bytes")
        }
        return (dims, headerLength)
    }

    static func readUInt32(_ bytes: [UInt8], at i: Int) -> UInt32 {
        UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// Serializes images or labels as IDX (used to write test fixtures and subsets).
    public static func encode(magic: UInt32, dimensions: [Int], payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4 + 4 * dimensions.count + payload.count)
        for value in [magic] + dimensions.map({ UInt32($0) }) {
            out += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
        }
        return out + payload
    }
}

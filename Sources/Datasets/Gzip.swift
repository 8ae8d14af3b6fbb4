import CZlib
import WorkbenchKit

/// gzip (RFC 1952) through zlib's inflate/deflate, on whole in-memory buffers: MNIST files are
/// at most ~10 MB compressed, and holding them whole lets errors name exact byte offsets.
public enum Gzip {
    /// gzip is recognized by its magic bytes, not by the file name, so a renamed file still works.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Refuse to inflate beyond this: a real MNIST file is 47 MB; anything far larger is not MNIST.
    public static let maximumOutput = 1 << 30

    /// Decompresses every gzip member in `bytes` (concatenated members are legal gzip), refusing
    /// output beyond `limit` bytes. The output buffer never grows past `limit` + 1 bytes: inflate
    /// writes straight into it, at most one chunk at a time, so a gzip bomb is stopped at the cap
    /// having buffered no more than the cap. `file` is only used in error messages; offsets there
    /// are in the compressed file.
    public static func decompress(_ bytes: [UInt8], file: String, limit: Int = maximumOutput,
                                  expectation: String = "expected an MNIST-sized file") throws -> [UInt8] {
        guard isGzip(bytes) else {
            throw WorkbenchError("\(file): not gzip data (first bytes are not 1f 8b at byte offset 0)")
        }
        var output: [UInt8] = []
        // The trailer's ISIZE is the length mod 2^32 of the last member: a good first guess for a
        // real file, never trusted beyond the cap.
        var guess = 1 << 16
        if bytes.count >= 18 {
            let n = bytes.count
            let isize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
            guess = max(guess, isize)
        }
        output.reserveCapacity(min(guess, limit + 1))
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 2, bytes[offset] == 0x1f, bytes[offset + 1] == 0x8b else {
                throw WorkbenchError("\(file): \(bytes.count - offset) trailing bytes after the gzip stream at byte offset \(offset); expected end of file or another gzip member")
            }
            offset += try inflateMember(bytes, from: offset, into: &output, limit: limit, file: file, expectation: expectation)
        }
        return output
    }

    /// Inflates one gzip member starting at `start`, appending to `output`; returns the number
    /// of compressed bytes it consumed.
    private static func inflateMember(_ bytes: [UInt8], from start: Int, into output: inout [UInt8],
                                      limit: Int, file: String, expectation: String) throws -> Int {
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header and check its CRC-32 and length trailer.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw WorkbenchError("\(file): zlib could not initialize a decompressor")
        }
        defer { inflateEnd(&stream) }
        let chunk = 1 << 20
        return try bytes.withUnsafeBufferPointer { input -> Int in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + start)
            // avail_in is 32-bit; MNIST files are far below 4 GB and the loader reads whole files.
            stream.avail_in = UInt32(min(input.count - start, Int(UInt32.max)))
            while true {
                if output.count == output.capacity {
                    // Grow geometrically, but never past the cap (+1 byte, to detect crossing it).
                    output.reserveCapacity(min(max(2 * output.capacity, 1 << 16), limit + 1))
                }
                // Zero-fill only the chunk inflate may write, inside the reserved capacity.
                let room = min(output.capacity - output.count, chunk)
                let before = output.count
                output.append(contentsOf: repeatElement(0, count: room))
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress! + before
                    stream.avail_out = UInt32(room)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.removeLast(Int(stream.avail_out))
                let consumed = Int(stream.total_in)
                if output.count > limit {
                    throw WorkbenchError("\(file): decompresses to more than \(limit) bytes (stopped after \(start + consumed) of \(input.count) compressed bytes); \(expectation)")
                }
                switch status {
                case Z_STREAM_END:
                    return consumed
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw WorkbenchError("\(file): gzip stream truncated at byte offset \(start + consumed); expected more compressed data")
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw WorkbenchError("\(file): corrupt gzip data near byte offset \(start + consumed) (\(reason))")
                }
            }
        }
    }

    /// The first `count` bytes (fewer when the stream is shorter) of the first gzip member,
    /// inflating nothing beyond them: enough to read a header before deciding how much to inflate.
    public static func prefix(_ bytes: [UInt8], count: Int, file: String) throws -> [UInt8] {
        guard isGzip(bytes) else {
            throw WorkbenchError("\(file): not gzip data (first bytes are not 1f 8b at byte offset 0)")
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw WorkbenchError("\(file): zlib could not initialize a decompressor")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: count)
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
                stream.avail_in = UInt32(min(input.count, Int(UInt32.max)))
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(count)
                var status = Z_OK
                while stream.avail_out > 0 && status == Z_OK { status = inflate(&stream, Z_NO_FLUSH) }
                return status
            }
        }
        guard status == Z_OK || status == Z_STREAM_END || (status == Z_BUF_ERROR && stream.avail_in == 0) else {
            let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw WorkbenchError("\(file): corrupt gzip data near byte offset \(stream.total_in) (\(reason))")
        }
        output.removeLast(Int(stream.avail_out))
        return output
    }

    /// Compresses `bytes` into a single gzip member (used to write test fixtures and caches).
    public static func compress(_ bytes: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw WorkbenchError("gzip: zlib could not initialize a compressor")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw WorkbenchError("gzip: compression failed (zlib status \(status))")
        }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}

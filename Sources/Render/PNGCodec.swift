import CPNGShim
import Foundation

/// PNG encoding through libpng (so we choose the text chunks), and a reader that returns
/// RGBA pixels and text chunks, used by tests and by anyone checking a written figure.
public struct PNGImage {
    public let width: Int
    public let height: Int
    /// Straight RGBA, 4 bytes per pixel, rows top to bottom.
    public let rgba: [UInt8]
    /// tEXt/iTXt chunks, key to value.
    public let text: [String: String]

    /// Reads any PNG (palette, gray, 16-bit, ...) as 8-bit RGBA.
    public static func read(_ path: String) throws -> PNGImage {
        var w: Int32 = 0, h: Int32 = 0, count: Int32 = 0
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        var block: UnsafeMutablePointer<CChar>? = nil
        var blockLength = 0
        var err = [CChar](repeating: 0, count: 256)
        let rc = wb_png_decode_file(path, &w, &h, &pixels, &block, &blockLength, &count, &err, err.count)
        guard rc == 0, let pixels else {
            throw RenderError("cannot read PNG \(path): \(String(cString: err)); expected a readable PNG file")
        }
        defer { wb_png_free(pixels); wb_png_free(block) }
        let rgba = Array(UnsafeBufferPointer(start: pixels, count: Int(w) * Int(h) * 4))
        var text: [String: String] = [:]
        if let block {
            // key\0value\0 pairs, values decoded as UTF-8 (iTXt) or Latin-1-safe ASCII (tEXt).
            let bytes = UnsafeRawBufferPointer(start: block, count: blockLength).split(separator: 0, omittingEmptySubsequences: false)
            var i = 0
            while i + 1 < bytes.count && text.count < Int(count) {
                text[String(decoding: bytes[i], as: UTF8.self)] = String(decoding: bytes[i + 1], as: UTF8.self)
                i += 2
            }
        }
        return PNGImage(width: Int(w), height: Int(h), rgba: rgba, text: text)
    }

    /// The color at pixel (x, y), origin top-left.
    public func color(x: Int, y: Int) -> Color {
        let o = (y * width + x) * 4
        return Color(Double(rgba[o]) / 255, Double(rgba[o + 1]) / 255, Double(rgba[o + 2]) / 255, alpha: Double(rgba[o + 3]) / 255)
    }

    /// Encodes RGBA pixels with text chunks and the resolution in a pHYs chunk.
    static func encode(rgba: [UInt8], width: Int, height: Int, text: [(String, String)], dpi: Double) throws -> Data {
        // libpng keys are 1-79 Latin-1 characters without leading/trailing spaces.
        for (k, _) in text where k.isEmpty || k.utf8.count > 79 || !k.allSatisfy({ $0.isASCII && $0 != "\0" }) {
            throw RenderError("PNG metadata key '\(k)' is invalid; expected 1-79 ASCII characters")
        }
        let keys = text.map { strdup($0.0) }, values = text.map { strdup($0.1.replacingOccurrences(of: "\0", with: "")) }
        defer { keys.forEach { free($0) }; values.forEach { free($0) } }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        var err = [CChar](repeating: 0, count: 256)
        let rc = keys.map { UnsafePointer<CChar>($0) }.withUnsafeBufferPointer { kp in
            values.map { UnsafePointer<CChar>($0) }.withUnsafeBufferPointer { vp in
                wb_png_encode(rgba, Int32(width), Int32(height), kp.baseAddress, vp.baseAddress, Int32(text.count),
                              dpi, &out, &length, &err, err.count)
            }
        }
        guard rc == 0, let out else { throw RenderError("cannot encode PNG: \(String(cString: err))") }
        defer { wb_png_free(out) }
        return Data(bytes: out, count: length)
    }
}

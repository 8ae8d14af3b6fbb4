import CCairo
import Foundation

/// Cairo surfaces for each output kind. PNG pixels come back as straight RGBA for libpng;
/// SVG and PDF are streamed into memory so the file can then be written atomically.
enum Raster {
    /// Renders the figure into straight (un-premultiplied) RGBA rows, top row first.
    static func rgba(_ figure: Figure) throws -> (pixels: [UInt8], width: Int, height: Int) {
        let (w, h) = figure.pixelSize
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h)) else {
            throw RenderError("cannot allocate a \(w)x\(h) image; expected a smaller figure or dpi")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "\(w)x\(h) image surface")
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_scale(cr, figure.dpi / 72, figure.dpi / 72)
        figure.draw(on: Canvas(cr))
        try check(cairo_status(cr), "drawing the figure")
        cairo_surface_flush(surface)

        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let base = cairo_image_surface_get_data(surface) else { throw RenderError("cairo returned no pixel data") }
        var out = [UInt8](repeating: 0, count: w * h * 4)
        // Cairo's ARGB32 is a native-endian premultiplied 32-bit word per pixel.
        base.withMemoryRebound(to: UInt32.self, capacity: stride / 4 * h) { words in
            for y in 0..<h {
                for x in 0..<w {
                    let p = words[y * stride / 4 + x]
                    let a = (p >> 24) & 0xFF
                    var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                    if a > 0 && a < 255 { r = min(255, r * 255 / a); g = min(255, g * 255 / a); b = min(255, b * 255 / a) }
                    let o = (y * w + x) * 4
                    out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b); out[o + 3] = UInt8(a)
                }
            }
        }
        return (out, w, h)
    }

    /// SVG or PDF bytes of the figure (page in points).
    static func vector(_ figure: Figure, pdf: Bool, metadata: [String: String]) throws -> Data {
        let sink = Sink()
        let write: cairo_write_func_t = { closure, data, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            if let data { sink.data.append(data, count: Int(length)) }
            return CAIRO_STATUS_SUCCESS
        }
        let opaque = Unmanaged.passUnretained(sink).toOpaque()
        let wpt = figure.width * 72, hpt = figure.height * 72
        let surface = pdf ? cairo_pdf_surface_create_for_stream(write, opaque, wpt, hpt)
                          : cairo_svg_surface_create_for_stream(write, opaque, wpt, hpt)
        guard let surface else { throw RenderError("cairo could not create a \(pdf ? "PDF" : "SVG") surface") }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), pdf ? "PDF surface" : "SVG surface")
        if pdf {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "workbench Render")
            if let title = metadata["Title"] ?? figure.title { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
            // This cairo (1.16) has no custom keys, so provenance goes into the Keywords entry.
            let provenance = metadata.filter { $0.key != "Title" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            if !provenance.isEmpty {
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, provenance.joined(separator: "; "))
            }
        } else {
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
        }
        let cr = cairo_create(surface)!
        figure.draw(on: Canvas(cr))
        let status = cairo_status(cr)
        cairo_destroy(cr)
        try check(status, "drawing the figure")
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface), "finishing the \(pdf ? "PDF" : "SVG")")
        return sink.data
    }

    /// Runs `body` with a canvas scaled like the PNG, for layout-only questions.
    static func withMeasuringCanvas<T>(_ figure: Figure, _ body: (Canvas) -> T) throws -> T {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1) else {
            throw RenderError("cannot allocate a measuring surface")
        }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_scale(cr, figure.dpi / 72, figure.dpi / 72)
        return body(Canvas(cr))
    }

    private final class Sink { var data = Data() }

    private static func check(_ status: cairo_status_t, _ what: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError("cairo failed at \(what): \(String(cString: cairo_status_to_string(status)))")
        }
    }
}

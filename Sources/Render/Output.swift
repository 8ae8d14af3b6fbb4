import Foundation

/// Output formats, chosen from the file extension.
public enum ImageFormat: String, CaseIterable, Sendable {
    case png, svg, pdf

    public init(url: URL) throws {
        let ext = url.pathExtension.lowercased()
        guard let f = ImageFormat(rawValue: ext) else {
            throw RenderError("cannot write figure \(url.path): unknown extension '\(ext)'; expected .png, .svg or .pdf")
        }
        self = f
    }
}

extension Figure {
    /// Renders the figure into the bytes of one file format.
    /// `metadata` becomes PNG text chunks, PDF document-info entries or SVG `<metadata>`.
    public func encoded(as format: ImageFormat, metadata: [String: String] = [:]) throws -> Data {
        try validate()
        switch format {
        case .png:
            let (pixels, w, h) = try Raster.rgba(self)
            var text: [(String, String)] = [("Software", "workbench Render (cairo, libpng)")]
            if let title = metadata["Title"] ?? title { text.append(("Title", RichText.plain(title))) }
            text += metadata.filter { $0.key != "Title" && $0.key != "Software" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            return try PNGImage.encode(rgba: pixels, width: w, height: h, text: text, dpi: dpi)
        case .pdf:
            return try Raster.vector(self, pdf: true, metadata: metadata)
        case .svg:
            let svg = try Raster.vector(self, pdf: false, metadata: metadata)
            return SVGMetadata.insert(metadata, title: metadata["Title"] ?? title.map(RichText.plain), into: svg)
        }
    }

    /// Writes the figure to `url` (format from the extension: .png, .svg or .pdf) and, when
    /// `data` is true, its numbers as CSV beside it (`name_data.csv`). The two appear together
    /// or not at all: both are written to temporary files before either is renamed into place.
    /// Returns the files written.
    @discardableResult
    public func write(to url: URL, metadata: [String: String] = [:], data: Bool = true) throws -> [URL] {
        let format = try ImageFormat(url: url)
        let bytes = try encoded(as: format, metadata: metadata)
        guard data else {
            try FigureFiles.write(bytes, to: url, what: "figure")
            return [url]
        }
        let csv = Figure.dataURL(for: url)
        try FigureFiles.writeTogether([(bytes, url, "figure"), (Data(dataCSV().utf8), csv, "figure data")])
        return [url, csv]
    }

    @discardableResult
    public func write(to path: String, metadata: [String: String] = [:], data: Bool = true) throws -> [URL] {
        try write(to: URL(fileURLWithPath: path), metadata: metadata, data: data)
    }

    /// `fig2.png` -> `fig2_data.csv`: a distinct name, so plotting `x.csv` to `x.png` never
    /// overwrites the input.
    public static func dataURL(for imageURL: URL) -> URL {
        let stem = imageURL.deletingPathExtension().lastPathComponent
        return imageURL.deletingLastPathComponent().appendingPathComponent(stem + "_data.csv")
    }
}

/// cairo's SVG has no metadata API; provenance goes in a `<metadata>` element and the title
/// in `<title>`, right after the opening `<svg>` tag.
enum SVGMetadata {
    static func insert(_ metadata: [String: String], title: String?, into svg: Data) -> Data {
        guard var text = String(data: svg, encoding: .utf8),
              let open = text.range(of: "<svg"), let close = text.range(of: ">", range: open.upperBound..<text.endIndex) else {
            return svg
        }
        var block = "\n"
        if let title { block += "<title>\(escape(title))</title>\n" }
        let entries = metadata.filter { $0.key != "Title" }.sorted { $0.key < $1.key }
        if !entries.isEmpty {
            block += "<metadata>\n" + entries.map { "  <entry key=\"\(escape($0.key))\">\(escape($0.value))</entry>\n" }.joined() + "</metadata>\n"
        }
        text.insert(contentsOf: block, at: close.upperBound)
        return Data(text.utf8)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
import Render

final class VectorOutputTests: XCTestCase {
    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var entries: [String: String] = [:]
        private var key: String?
        private var text = ""
        func parser(_ p: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(name)
            if name == "entry" { key = attributes["key"]; text = "" }
        }
        func parser(_ p: XMLParser, foundCharacters s: String) { text += s }
        func parser(_ p: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "entry", let key { entries[key] = text }
        }
    }

    func testSVGIsWellFormedXMLWithMetadata() throws {
        let dir = try temporaryDirectory(self)
        let fig = makeSampleFigure()
        let url = dir.appendingPathComponent("sample.svg")
        try fig.write(to: url, metadata: ["experiment": "a<b & \"c\""])
        let parser = XMLParser(contentsOf: url)!
        let collector = Collector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "SVG must parse: \(String(describing: parser.parserError))")
        XCTAssertEqual(collector.elements.first, "svg")
        XCTAssertTrue(collector.elements.contains("path"))
        XCTAssertEqual(collector.entries["experiment"], "a<b & \"c\"")
    }

    func testPDFHasAPDFHeaderAndTrailer() throws {
        let dir = try temporaryDirectory(self)
        let fig = Figure()
        fig[0, 0].line([0, 1], [0, 1], label: "x")
        let url = dir.appendingPathComponent("fig.pdf")
        try fig.write(to: url, metadata: ["seed": "3"])
        let data = try Data(contentsOf: url)
        XCTAssertEqual(String(decoding: data.prefix(5), as: UTF8.self), "%PDF-")
        XCTAssertTrue(String(decoding: data.suffix(64), as: UTF8.self).contains("%%EOF"))
    }
}

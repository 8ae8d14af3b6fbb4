import Foundation
import Render
import WorkbenchKit

/// Draws a figure and writes it in each requested format, with its numbers as `<id>_data.csv`
/// once, and provenance in the file's metadata.
enum FigureWriter {
    static func write(_ figure: any PaperFigure, inputs: FigureInputs, to directory: String,
                      formats: [ImageFormat], preset: FigurePreset) throws -> [String] {
        let drawn = try figure.draw(inputs)
        let metadata = [
            "Title": "Figure \(figure.number): \(figure.title)",
            "Description": figure.caption,
            "Preset": preset.rawValue,
            "Generator": "workbench \(workbenchVersion) figures",
        ]
        var files: [String] = []
        for (i, format) in formats.enumerated() {
            let path = (directory as NSString).appendingPathComponent("\(figure.id).\(format.rawValue)")
            do {
                let written = try drawn.write(to: path, metadata: metadata, data: i == 0)
                files += written.map(\.lastPathComponent)
            } catch let e as RenderError {
                throw WorkbenchError(e.message)
            }
        }
        return files
    }
}

import Foundation
import Render
import WorkbenchKit

/// Draws a figure and writes it in each requested format as `<stem>.<format>` (the figure's id, or
/// `<id>_optimum`), with its numbers as `<stem>_data.csv` once, and provenance in the file's
/// metadata; then checks the figure's claims on what it drew.
enum FigureWriter {
    static func write(_ figure: any WorkbenchFigure, inputs: FigureInputs, to directory: String, stem: String,
                      procedure: Procedure, formats: [ImageFormat], preset: Preset) throws -> (files: [String], claims: [ClaimResult]) {
        let drawn = try figure.draw(inputs)
        // The image says which procedure it shows, as its file name does.
        if let title = drawn.title { drawn.title = "\(title) (\(procedure.label))" }
        let metadata = [
            "Title": "\(figure.heading): \(figure.title)",
            "Description": figure.caption,
            "Preset": preset.rawValue,
            "Procedure": procedure.label,
            "Generator": "workbench \(workbenchVersion) figures",
        ]
        var files: [String] = []
        for (i, format) in formats.enumerated() {
            let path = (directory as NSString).appendingPathComponent("\(stem).\(format.rawValue)")
            do {
                let written = try drawn.write(to: path, metadata: metadata, data: i == 0)
                files += written.map(\.lastPathComponent)
            } catch let e as RenderError {
                throw WorkbenchError(e.message)
            }
        }
        let numbers = FigureNumbers(drawn)
        let claims = figure.claims(inputs.context).map { ClaimResult.evaluate($0, on: numbers, preset: preset) }
        return (files, claims)
    }
}

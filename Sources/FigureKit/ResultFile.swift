import Foundation
import WorkbenchKit

/// A run folder's result.json, read once into its JSON object (the validation, the run record and
/// the comparison with the paper's procedure all start here).
enum ResultFile {
    enum Read {
        case unreadable
        case notAnObject(bytes: Int)
        case object([String: Any])
    }

    static func path(in folder: String) -> String { (folder as NSString).appendingPathComponent(RunFiles.result) }

    static func read(folder: String) -> Read {
        guard let data = FileManager.default.contents(atPath: path(in: folder)) else { return .unreadable }
        guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any] else {
            return .notAnObject(bytes: data.count)
        }
        return .object(json)
    }

    /// The JSON object, or nil when result.json is missing or not an object.
    static func object(folder: String) -> [String: Any]? {
        if case .object(let json) = read(folder: folder) { return json }
        return nil
    }
}

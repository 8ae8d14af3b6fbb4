import Foundation

/// The error every Render failure surfaces as: one line naming the file, panel or series,
/// what was wrong and what was expected, so a CLI can print `description` and exit.
public struct RenderError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension RenderError: LocalizedError {
    public var errorDescription: String? { message }
}

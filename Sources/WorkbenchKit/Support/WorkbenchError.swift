/// The one error type the workbench reports to users: a single line that names the file or
/// parameter, what was wrong and what was expected. The CLI prints `message` and exits non-zero.
public struct WorkbenchError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

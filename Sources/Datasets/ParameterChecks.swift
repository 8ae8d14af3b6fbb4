import WorkbenchKit

/// Parameter validation shared by the synthetic datasets, so a NaN or an impossible value is
/// reported as one line naming the parameter instead of silently producing NaN statistics.
enum ParameterCheck {
    static func finite(_ value: Double, _ name: String, in dataset: String) throws {
        guard value.isFinite else {
            throw WorkbenchError("\(dataset): parameter \(name) = \(value) is not finite; expected a finite number")
        }
    }

    static func nonNegative(_ value: Double, _ name: String, in dataset: String) throws {
        try finite(value, name, in: dataset)
        guard value >= 0 else {
            throw WorkbenchError("\(dataset): parameter \(name) = \(value) is negative; expected a value >= 0")
        }
    }

    static func probability(_ value: Double, _ name: String, in dataset: String) throws {
        try finite(value, name, in: dataset)
        guard value >= 0 && value <= 1 else {
            throw WorkbenchError("\(dataset): parameter \(name) = \(value) is not a probability; expected a value in [0, 1]")
        }
    }
}

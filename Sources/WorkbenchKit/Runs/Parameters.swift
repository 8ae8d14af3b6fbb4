import Foundation

/// One parameter an experiment accepts through `--set key=value`.
public struct ParameterSpec {
    public enum Kind: Equatable {
        case real(ClosedRange<Double>)
        case integer(ClosedRange<Int>)
        case choice([String])
        /// Comma-separated integers, e.g. digits "1,3".
        case integerList
        /// Comma-separated finite numbers.
        case realList
    }
    public var name: String
    public var kind: Kind
    public var defaultValue: String
    public var help: String

    public init(_ name: String, _ kind: Kind, default defaultValue: String, _ help: String) {
        self.name = name; self.kind = kind; self.defaultValue = defaultValue; self.help = help
    }

    /// Any finite number: the range of a real parameter that states none.
    public static let anyFinite = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude

    /// What a valid value looks like, for error messages and `workbench list`.
    public var expectation: String {
        switch kind {
        case .real(let r):
            let lo = r.lowerBound == -Double.greatestFiniteMagnitude ? nil : formatNumber(r.lowerBound)
            let hi = r.upperBound == Double.greatestFiniteMagnitude ? nil : formatNumber(r.upperBound)
            switch (lo, hi) {
            case (nil, nil): return "a finite number"
            case (let l?, nil): return "a finite number >= \(l)"
            case (nil, let h?): return "a finite number <= \(h)"
            case (let l?, let h?): return "a finite number in [\(l), \(h)]"
            }
        case .integer(let r):
            if r.lowerBound == Int.min && r.upperBound == Int.max { return "an integer" }
            if r.upperBound == Int.max { return "an integer >= \(r.lowerBound)" }
            return "an integer in [\(r.lowerBound), \(r.upperBound)]"
        case .choice(let options): return "one of " + options.joined(separator: "|")
        case .integerList: return "comma-separated integers, e.g. 1,3"
        case .realList: return "comma-separated finite numbers"
        }
    }

    /// Parses and validates a raw value, throwing a one-line error naming the parameter.
    public func validate(_ raw: String, experiment: String) throws -> ParameterValue {
        let fail = { WorkbenchError("\(experiment): bad value '\(raw)' for parameter '\(name)' (\(help)): expected \(expectation)") }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .real(let r):
            guard let v = Double(trimmed), v.isFinite, r.contains(v) else { throw fail() }
            return .real(v)
        case .integer(let r):
            guard let v = Int(trimmed), r.contains(v) else { throw fail() }
            return .integer(v)
        case .choice(let options):
            guard options.contains(trimmed) else { throw fail() }
            return .text(trimmed)
        case .integerList:
            let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { throw fail() }
            return .integers(parts.map { $0! })
        case .realList:
            let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else { throw fail() }
            return .reals(parts.map { $0! })
        }
    }
}

public enum ParameterValue: Equatable {
    case real(Double), integer(Int), text(String), integers([Int]), reals([Double])

    public var jsonObject: Any {
        switch self {
        case .real(let v): return v
        case .integer(let v): return v
        case .text(let v): return v
        case .integers(let v): return v
        case .reals(let v): return v
        }
    }
}

/// The validated parameters of one run: defaults, then the preset, then `--set` overrides.
public struct ParameterValues {
    public private(set) var values: [String: ParameterValue]
    public let order: [String]

    public init(values: [String: ParameterValue], order: [String]) { self.values = values; self.order = order }

    /// The value of `key`, of its declared type. Reading a key the experiment does not declare is
    /// a programming error (every run of that experiment would hit it), not a user's.
    public subscript<Value>(key: Parameter<Value>) -> Value {
        guard let value = declared(key) else {
            preconditionFailure("parameter '\(key.name)' is not declared as \(Value.self) by this experiment")
        }
        return value
    }

    /// The value of `key` if this experiment declares it (messages that name, say, `hidden` when
    /// the experiment has one).
    public func declared<Value>(_ key: Parameter<Value>) -> Value? {
        values[key.name].flatMap { Value(parameterValue: $0) }
    }
}

/// Shortest faithful decimal form (no trailing ".0" noise for integers stored as reals).
public func formatNumber(_ v: Double) -> String {
    if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
    return "\(v)"
}

/// A parameter an experiment declares and reads by a typed key instead of by its name, so that a
/// misspelt key does not compile and a read returns the declared type: `p[.steps]` is an `Int`,
/// `p[.optimizer]` an `OptimizerKind`. The key holds what is the same wherever it is used (name,
/// type, help, valid range or choices); each experiment gives the default in its spec list
/// (`.of(.hidden, default: 40)`), where it may also word the help for itself.
///
/// Keys several experiments share are static members of `Parameter` (`StandardKeys.swift`, and the
/// dataset keys in Datasets); a plugin's own keys live in its own namespace (e.g. `MamlKeys`), so
/// that two plugins may each have a key of the same name.
public struct Parameter<Value: ParameterType>: ParameterName {
    public let name: String
    public let help: String
    public let kind: ParameterSpec.Kind

    init(name: String, help: String, kind: ParameterSpec.Kind) {
        self.name = name; self.help = help; self.kind = kind
    }

    /// This key's spec with an experiment's default (and, if given, its own help).
    public func spec(default value: Value, help: String? = nil) -> ParameterSpec {
        ParameterSpec(name, kind, default: value.parameterText, help ?? self.help)
    }
}

public extension Parameter where Value == Double {
    /// A finite number in `range` (any finite number by default).
    init(_ name: String, _ help: String, range: ClosedRange<Double> = ParameterSpec.anyFinite) {
        self.init(name: name, help: help, kind: .real(range))
    }
    /// The spec with a range of its own (an experiment that allows less, or more, than the key).
    func spec(default value: Double, help: String? = nil, range: ClosedRange<Double>) -> ParameterSpec {
        ParameterSpec(name, .real(range), default: value.parameterText, help ?? self.help)
    }
}

public extension Parameter where Value == Int {
    init(_ name: String, _ help: String, range: ClosedRange<Int> = Int.min...Int.max) {
        self.init(name: name, help: help, kind: .integer(range))
    }
    func spec(default value: Int, help: String? = nil, range: ClosedRange<Int>) -> ParameterSpec {
        ParameterSpec(name, .integer(range), default: value.parameterText, help ?? self.help)
    }
}

public extension Parameter where Value == [Int] {
    /// Comma-separated integers, e.g. digits "1,3".
    init(_ name: String, _ help: String) { self.init(name: name, help: help, kind: .integerList) }
}

public extension Parameter where Value == [Double] {
    /// Comma-separated finite numbers.
    init(_ name: String, _ help: String) { self.init(name: name, help: help, kind: .realList) }
}

public extension Parameter where Value: ParameterChoice {
    /// One of the enumeration's raw values, offered in its case order.
    init(_ name: String, _ help: String) {
        self.init(name: name, help: help, kind: .choice(Value.allCases.map(\.rawValue)))
    }
}

public extension ParameterSpec {
    /// The spec of `key` with this experiment's default: the form spec lists are written in.
    static func of<Value>(_ key: Parameter<Value>, default value: Value, help: String? = nil) -> ParameterSpec {
        key.spec(default: value, help: help)
    }
    static func of(_ key: Parameter<Double>, default value: Double, help: String? = nil,
                   range: ClosedRange<Double>) -> ParameterSpec {
        key.spec(default: value, help: help, range: range)
    }
    static func of(_ key: Parameter<Int>, default value: Int, help: String? = nil, range: ClosedRange<Int>) -> ParameterSpec {
        key.spec(default: value, help: help, range: range)
    }
}

/// A key of any value type, by its name: for lists of keys of different types.
public protocol ParameterName {
    var name: String { get }
}

public extension Array where Element == ParameterSpec {
    /// These specs without those of `keys` (e.g. the standard bounds of an unbounded experiment).
    func omitting(_ keys: any ParameterName...) -> [ParameterSpec] {
        let names = Set(keys.map(\.name))
        return filter { !names.contains($0.name) }
    }
}

/// A Swift type a parameter can have: how it is read from a validated value and written as the
/// text `--set` takes (defaults and presets are stored as that text, so `workbench list`, the
/// resolution and the cache keys all see one text per value, however it was given).
public protocol ParameterType {
    /// The value, if `value` holds this type.
    init?(parameterValue value: ParameterValue)
    var parameterText: String { get }
}

extension Double: ParameterType {
    public init?(parameterValue value: ParameterValue) {
        guard case .real(let v) = value else { return nil }
        self = v
    }
    public var parameterText: String { formatNumber(self) }
}

extension Int: ParameterType {
    public init?(parameterValue value: ParameterValue) {
        guard case .integer(let v) = value else { return nil }
        self = v
    }
    public var parameterText: String { String(self) }
}

/// An element of a comma-separated list parameter.
public protocol ParameterListElement {
    static func list(_ value: ParameterValue) -> [Self]?
    var parameterText: String { get }
}

extension Int: ParameterListElement {
    public static func list(_ value: ParameterValue) -> [Int]? {
        guard case .integers(let v) = value else { return nil }
        return v
    }
}

extension Double: ParameterListElement {
    public static func list(_ value: ParameterValue) -> [Double]? {
        guard case .reals(let v) = value else { return nil }
        return v
    }
}

extension Array: ParameterType where Element: ParameterListElement {
    public init?(parameterValue value: ParameterValue) {
        guard let v = Element.list(value) else { return nil }
        self = v
    }
    public var parameterText: String { map(\.parameterText).joined(separator: ",") }
}

/// A choice parameter's values: a string-backed enumeration (dataset, basis, optimizer, mode ...).
public protocol ParameterChoice: ParameterType, CaseIterable, RawRepresentable where RawValue == String {}

public extension ParameterChoice {
    init?(parameterValue value: ParameterValue) {
        guard case .text(let v) = value else { return nil }
        self.init(rawValue: v)
    }
    var parameterText: String { rawValue }
}

extension OptimizerKind: ParameterChoice {}

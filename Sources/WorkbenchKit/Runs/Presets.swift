/// The named presets every experiment has, in name order (the order `workbench list` shows).
public enum Preset: String, CaseIterable {
    /// The paper's Tables 1-5: the experiment's defaults, unless it says otherwise.
    case paper
    /// Seconds per run, for tests and demos.
    case quick
}

/// One parameter's value in a preset, kept as the text `--set` would take, so a preset resolves
/// (and keys the run cache) exactly as the same `--set` would.
public struct PresetSetting: Equatable {
    public let name: String
    public let text: String

    /// `.set(.steps, 1500)`: the setting of a typed key.
    public static func set<Value>(_ key: Parameter<Value>, _ value: Value) -> PresetSetting {
        PresetSetting(name: key.name, text: value.parameterText)
    }
}

/// An experiment's settings for each named preset.
public struct Presets {
    public var paper: [PresetSetting]
    public var quick: [PresetSetting]

    public init(paper: [PresetSetting] = [], quick: [PresetSetting]) { self.paper = paper; self.quick = quick }

    public subscript(preset: Preset) -> [PresetSetting] {
        get {
            switch preset {
            case .paper: return paper
            case .quick: return quick
            }
        }
        set {
            switch preset {
            case .paper: paper = newValue
            case .quick: quick = newValue
            }
        }
    }

    /// Parameter name to text: what resolution applies and `workbench list` shows (of two settings
    /// of one name, the later).
    public func values(_ preset: Preset) -> [String: String] {
        Dictionary(self[preset].map { ($0.name, $0.text) }, uniquingKeysWith: { $1 })
    }

    /// These presets with `settings` added to `preset`, replacing any setting of the same name.
    public func adding(_ settings: [PresetSetting], to preset: Preset) -> Presets {
        var out = self
        let replaced = Set(settings.map(\.name))
        out[preset] = self[preset].filter { !replaced.contains($0.name) } + settings
        return out
    }
}

import WorkbenchKit

/// The identity of a run in the cache: the experiment, every resolved parameter value (so a
/// changed preset or default invalidates the cache, not just changed overrides), the seed, the
/// code version, the experiment's output revision and its optimizer's. The folder name is a 64-bit FNV-1a hash of
/// that text; the text itself is stored beside the results (key.txt) and compared on reuse, so a
/// hash collision cannot silently hand one run's results to another.
struct RunKey: Hashable {
    public let text: String
    public let hash: String

    /// `revision`: the experiment's `outputRevision`; 0 adds nothing to the key.
    public init(request: RunRequest, parameters: ParameterValues, revision: Int = 0) {
        var lines = ["experiment=\(request.experiment.text)", "seed=\(request.seed)", "version=\(workbenchVersion)"]
        if revision != 0 { lines.append("revision=\(revision)") }
        if case .text(let name)? = parameters.values["optimizer"], let kind = OptimizerKind(rawValue: name), kind.revision != 0 {
            lines.append("optimizer_revision=\(kind.revision)")
        }
        for name in parameters.order.sorted() {
            lines.append("\(name)=\(RunKey.canonical(parameters.values[name]!))")
        }
        text = lines.joined(separator: "\n") + "\n"
        hash = RunKey.fnv1a(text)
    }

    /// Folder name inside the cache: readable prefix, unique suffix.
    func folderName(_ experiment: String) -> String { "\(experiment)-\(hash)" }

    static func canonical(_ value: ParameterValue) -> String {
        switch value {
        case .real(let v): return "\(v)"
        case .integer(let v): return "\(v)"
        case .text(let v): return v
        case .integers(let v): return v.map(String.init).joined(separator: ",")
        case .reals(let v): return v.map { "\($0)" }.joined(separator: ",")
        }
    }

    static func fnv1a(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

import ArgumentParser
import PluginList
import WorkbenchKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the experiments and their parameters.")

    @Flag(name: .shortAndLong, help: "Show every parameter with its default and presets.")
    var verbose = false

    func run() throws {
        let width = Plugins.registry.experiments.map(\.name.count).max() ?? 0
        for e in Plugins.registry.experiments {
            print(e.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + e.summary)
            guard verbose else { continue }
            for spec in e.parameters {
                var line = "    \(spec.name)=\(spec.defaultValue)"
                for preset in Preset.allCases {
                    if let v = e.presets.values(preset)[spec.name] { line += "  [\(preset.rawValue): \(v)]" }
                }
                print(line.padding(toLength: max(line.count, 44), withPad: " ", startingAt: 0) + "  \(spec.help)")
            }
        }
    }
}

import WorkbenchKit

/// Every figure a build can draw: the paper's in number order, then the plugins' own in
/// registration order.
public struct FigureSet {
    let figures: [any WorkbenchFigure]

    /// Refuses two figures with one id, and plugin ids that `--only` would read as a paper number.
    public init(paper: [any PaperFigure], plugins: [any WorkbenchFigure] = []) throws {
        for figure in plugins where !Self.isPluginID(figure.id) {
            throw WorkbenchError("plugin figure id '\(figure.id)': expected lower-case letters, digits and dashes, starting with a letter and not like a paper figure (fig<N>)")
        }
        figures = paper.sorted { $0.number < $1.number } + plugins
        var seen = Set<String>()
        for id in figures.map(\.id) where !seen.insert(id).inserted {
            throw WorkbenchError("two figures share the id '\(id)'; each figure needs its own")
        }
    }

    /// The ids --only accepts, in drawing order.
    var allIDs: [String] {
        let numbered = figures.compactMap { $0 as? any PaperFigure }.map(\.number)
        return numbered.sorted().map { "fig\($0)" } + figures.filter { !($0 is any PaperFigure) }.map(\.id)
    }

    /// The figures named by --only ("fig2", "2", "fig02", a plugin figure's id), or all; unknown
    /// names are an error.
    func select(_ only: [String]?) throws -> [any WorkbenchFigure] {
        guard let only else { return figures }
        // `--only ''` or `--only fig2,,fig5` would quietly draw less than asked (or nothing).
        guard !only.isEmpty, !only.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw WorkbenchError("--only '\(only.joined(separator: ","))': an empty figure name; expected comma-separated figures from \(allIDs.joined(separator: ",")), e.g. fig2,fig5")
        }
        var ids = Set<String>()
        for raw in only {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            let digits = name.hasPrefix("fig") ? String(name.dropFirst(3)) : name
            let id = Int(digits).map { "fig\($0)" } ?? name
            guard allIDs.contains(id) else {
                throw WorkbenchError("--only: unknown figure '\(raw)'; expected some of \(allIDs.joined(separator: ","))")
            }
            ids.insert(id)
        }
        return figures.filter { ids.contains($0.id) }
    }

    static func paperNumber(_ id: String) -> Int? { id.hasPrefix("fig") ? Int(id.dropFirst(3)) : nil }

    /// Lower-case letters, digits and dashes, from a letter, and not "fig" and a digit (which
    /// `--only` reads as the paper's numbering).
    static func isPluginID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        if id.hasPrefix("fig"), let next = id.dropFirst(3).first, next.isNumber { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

import Foundation
import Render
import WorkbenchKit

/// A finding the paper's caption or text states about a figure, checked on the numbers the
/// figure drew (the columns of its `fig<N>_data.csv`), so a PASS means the drawn figure shows it.
public struct Claim {
    /// The finding in the paper's words (quoted or closely paraphrased from one sentence), with the
    /// panels it is about and how it is measured, thresholds stated: "(e) “increasing the discount
    /// factor γ leads to higher levels of control”: Σ_t g(t) grows strictly with γ".
    let statement: String
    /// Where the paper states it ("Sec. 2.1", "Fig. 2 caption", "App. K.2"); a plugin's own figure
    /// cites `Claim.workbench`.
    public let citation: String
    /// Set when the finding needs paper-size runs: the quick preset reports it as not checked
    /// (with this reason), the paper preset checks it.
    public let paperOnly: String?
    /// The numbers come from one run (one seed, or one run per swept value) where the paper
    /// averaged several or drew one without saying: the measured text says so.
    public let oneSeed: Bool
    public let check: (FigureNumbers) throws -> ClaimOutcome

    public init(_ statement: String, citation: String, paperOnly: String? = nil, oneSeed: Bool = false,
                check: @escaping (FigureNumbers) throws -> ClaimOutcome) {
        self.statement = statement
        self.citation = citation
        self.paperOnly = paperOnly
        self.oneSeed = oneSeed
        self.check = check
    }

    /// The citation of a finding that is the workbench's own, not the paper's (plugin figures).
    public static let workbench = "workbench, not in the paper"
}

/// Whether a claim held, and the measured numbers behind the verdict ("peak g: 0.20 < 0.27 < ... < 0.46").
public struct ClaimOutcome {
    public let passed: Bool
    public let measured: String

    public init(_ passed: Bool, _ measured: String) {
        self.passed = passed
        self.measured = measured
    }
}

/// A claim's verdict on one drawing: passed, failed, not checked on this preset, or not
/// checkable because the numbers it reads are missing (a failure: the figure changed under it).
struct ClaimResult {
    enum Verdict: String { case pass = "PASS", fail = "FAIL", paperOnly = "PAPER ONLY" }
    let statement: String
    let citation: String
    let verdict: Verdict
    let measured: String

    static func evaluate(_ claim: Claim, on numbers: FigureNumbers, preset: Preset) -> ClaimResult {
        func result(_ verdict: Verdict, _ measured: String) -> ClaimResult {
            ClaimResult(statement: claim.statement, citation: claim.citation, verdict: verdict,
                        measured: measured + (claim.oneSeed && verdict != .paperOnly ? "; one seed" : ""))
        }
        if let reason = claim.paperOnly, preset != .paper {
            return result(.paperOnly, "checked on the paper preset only: \(reason)")
        }
        do {
            let outcome = try claim.check(numbers)
            return result(outcome.passed ? .pass : .fail, outcome.measured)
        } catch let e as WorkbenchError {
            return result(.fail, "cannot check: \(e.message)")
        } catch {
            return result(.fail, "cannot check: \(error)")
        }
    }
}

/// The numbers a figure drew, by the column names of its data CSV: `<panel>_<series>_<x|y|...>`,
/// line families as `<panel>_<name>_<parameter>`. Empty cells (padding, NaN) read as NaN and
/// trailing padding is dropped.
public struct FigureNumbers {
    private let columns: [String: [Double]]
    private let order: [String]

    public init(_ figure: Figure) {
        var columns: [String: [Double]] = [:]
        var order: [String] = []
        for (name, cells) in figure.dataColumns() {
            var values = cells.map { Double($0) ?? .nan }
            while let last = values.last, last.isNaN { values.removeLast() }
            columns[name] = values
            order.append(name)
        }
        self.columns = columns
        self.order = order
    }

    /// The numbers of a written `<figure>_data.csv`, read as the drawing's are (text cells, such
    /// as point labels, read as NaN), so a test can check what a figure drew after the fact.
    public init(csv path: String) throws {
        let table: CSVTable
        do { table = try CSVTable(path: path) } catch let e as RenderError { throw WorkbenchError(e.message) }
        var columns: [String: [Double]] = [:]
        for (c, name) in table.header.enumerated() {
            var values = table.rows.map { Double($0[c].trimmingCharacters(in: .whitespaces)) ?? .nan }
            while let last = values.last, last.isNaN { values.removeLast() }
            columns[name] = values
        }
        self.columns = columns
        self.order = table.header
    }

    /// All column names, in CSV order.
    public var names: [String] { order }

    public func column(_ name: String) throws -> [Double] {
        guard let c = columns[name] else {
            let panel = name.prefix { $0 != "_" }
            let near = order.filter { $0.hasPrefix(panel + "_") }.prefix(12)
            throw WorkbenchError("no column '\(name)' in the figure's data (panel \(panel) has: \(near.joined(separator: ", ")))")
        }
        return c
    }

    /// The curves of a line family (a sweep drawn in color): its columns `<prefix>_<parameter>`,
    /// sorted by parameter. `prefix` is e.g. "e_series".
    public func family(_ prefix: String) throws -> [(parameter: Double, values: [Double])] {
        let members = order.compactMap { name -> (Double, [Double])? in
            guard name.hasPrefix(prefix + "_"), let p = Double(name.dropFirst(prefix.count + 1)) else { return nil }
            return (p, columns[name]!)
        }
        guard !members.isEmpty else { throw WorkbenchError("no line family '\(prefix)' in the figure's data") }
        return members.sorted { $0.0 < $1.0 }.map { (parameter: $0.0, values: $0.1) }
    }
}

/// Small measures claims are written with.
public enum Measure {
    /// Whether each value is above the one before it (by more than `tolerance`).
    public static func increasing(_ v: [Double], tolerance: Double = 0) -> Bool {
        zip(v, v.dropFirst()).allSatisfy { $1 > $0 + tolerance }
    }
    /// Whether each value is above the one before it, except between neighbors that are both
    /// `tied` (e.g. runs sitting at the same bound, whose order is the optimizer's noise): those may
    /// fall, but by no more than `tieTolerance`. False when the lists differ in length.
    public static func increasing(_ v: [Double], tiedWhere tied: [Bool], tieTolerance: Double) -> Bool {
        guard tied.count == v.count else { return false }
        return v.indices.dropFirst().allSatisfy { i in
            tied[i - 1] && tied[i] ? v[i] >= v[i - 1] - tieTolerance : v[i] > v[i - 1]
        }
    }
    public static func decreasing(_ v: [Double], tolerance: Double = 0) -> Bool {
        zip(v, v.dropFirst()).allSatisfy { $1 < $0 - tolerance }
    }
    /// Numbers for a claim's measured text: 3 significant digits.
    public static func text(_ v: Double) -> String { String(format: "%.3g", v) }
    public static func text(_ v: [Double], separator: String = ", ") -> String { v.map(text).joined(separator: separator) }
    /// Sum of the values (NaN skipped).
    public static func sum(_ v: [Double]) -> Double { v.reduce(0) { $1.isNaN ? $0 : $0 + $1 } }
    public static func mean(_ v: [Double]) -> Double {
        let finite = v.filter { !$0.isNaN }
        return finite.isEmpty ? .nan : sum(finite) / Double(finite.count)
    }
    /// Index of the largest value.
    public static func argmax(_ v: [Double]) -> Int { v.indices.max { v[$0] < v[$1] } ?? 0 }
    /// Spearman's rank correlation of two equally long lists (ties share their mean rank).
    public static func spearman(_ a: [Double], _ b: [Double]) -> Double {
        func ranks(_ v: [Double]) -> [Double] {
            let order = v.indices.sorted { v[$0] < v[$1] }
            var r = [Double](repeating: 0, count: v.count)
            var k = 0
            while k < order.count {
                var j = k
                while j + 1 < order.count && v[order[j + 1]] == v[order[k]] { j += 1 }
                for m in k...j { r[order[m]] = Double(k + j) / 2 }
                k = j + 1
            }
            return r
        }
        let ra = ranks(a), rb = ranks(b)
        let ma = mean(ra), mb = mean(rb)
        let cov = zip(ra, rb).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) }
        let va = ra.reduce(0) { $0 + ($1 - ma) * ($1 - ma) }, vb = rb.reduce(0) { $0 + ($1 - mb) * ($1 - mb) }
        return cov / (va * vb).squareRoot()
    }
}

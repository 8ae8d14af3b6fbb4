import Foundation
import WorkbenchKit

/// A finished run as read back from its folder (result.json and series.csv): what figures
/// draw from, whether the run was computed just now or found in the cache.
public struct RunRecord {
    public let request: RunRequest
    public let folder: String
    public let valueBaseline: Double
    public let valueControl: Double
    public let valueHistory: [Double]
    public let seconds: Double
    /// Everything in result.json (parameters and the experiment's extra results included).
    public let json: [String: Any]
    let columns: [String: [Double]]
    let columnNames: [String]

    public init(request: RunRequest, folder: String) throws {
        let dir = folder as NSString
        // Never draw from a damaged run (the cache checks before reuse; this catches a file damaged since).
        if let problem = RunValidation.problem(folder: folder) {
            throw WorkbenchError("run \(request) (\(folder)) is damaged: \(problem); run `workbench figures` again to recompute it")
        }
        let resultPath = ResultFile.path(in: folder)
        guard let json = ResultFile.object(folder: folder) else {
            throw WorkbenchError("cannot read \(resultPath): missing or not a JSON object; delete the folder to recompute the run")
        }
        func number(_ key: ResultKey) throws -> Double {
            guard let v = jsonDouble(json[key.text]) else {
                throw WorkbenchError("\(resultPath): field '\(key)' missing or not a number; delete the folder to recompute the run")
            }
            return v
        }
        self.request = request
        self.folder = folder
        self.json = json
        valueBaseline = try number(RunResults.value.baseline)
        valueControl = try number(RunResults.value.control)
        seconds = try number(RunResults.seconds)
        valueHistory = ((json[RunResults.valueHistory.text] as? [Any]) ?? []).compactMap(jsonDouble)
        let (header, values) = try SeriesReader.read(dir.appendingPathComponent(RunFiles.series))
        var columns: [String: [Double]] = [:]
        for (name, column) in zip(header, values) { columns[name] = column }
        self.columns = columns
        columnNames = header
    }

    /// The optimized control is worth less than the baseline: the ascent never reached the value the
    /// baseline control already has (a stuck start or a diverged optimizer), so the run needs a look.
    /// Where the baseline is uncharged (active engagement), the reference is the baseline control
    /// under the run's own cost, the value the optimizer could always have kept.
    var controlBelowBaseline: Bool {
        let reference = jsonDouble(json[RunResults.valueBaselineControlCharged.text]) ?? valueBaseline
        return valueControl < reference - 1e-9 * max(1, abs(reference))
    }

    /// A series.csv column; a missing one is a one-line error naming run and column.
    public func column(_ name: ColumnName) throws -> [Double] {
        guard let c = columns[name.text] else {
            throw WorkbenchError("run \(request) (\(folder)) has no series column '\(name)'; it has: \(columnNames.joined(separator: ", "))")
        }
        return c
    }

    /// A trajectory column of one role.
    public func column(_ column: TrajectoryColumn, _ role: Role) throws -> [Double] { try self.column(column[role]) }

    /// The members of a column family written for `role`, in file order ("w1_" -> "17", "3", ...).
    public func members(of family: ColumnFamily, _ role: Role) -> [String] {
        columnNames.filter { $0.hasPrefix(family.prefix) && $0.hasSuffix(role.suffix) }
            .map { String($0.dropFirst(family.prefix.count).dropLast(role.suffix.count)) }
    }

    /// The members of a column family whose SGD replay mean is written for `role`, in file order
    /// (the column name around the member as `SGDColumns` spells it).
    public func replayedMembers(of family: ColumnFamily, _ role: Role) -> [String] {
        let marker = "\u{1}"
        let parts = SGDColumns(of: family.member(marker)).mean[role].text.components(separatedBy: marker)
        let head = parts[0], tail = parts[1]
        return columnNames.filter { $0.hasPrefix(head) && $0.hasSuffix(tail) && $0.count > head.count + tail.count }
            .map { String($0.dropFirst(head.count).dropLast(tail.count)) }
    }

    /// A result.json field as it is (strings, lists of records), nil when absent.
    public subscript(_ key: ResultKey) -> Any? { json[key.text] }

    /// A number the experiment put in result.json.
    public func scalar(_ key: ResultKey) throws -> Double {
        guard let v = jsonDouble(json[key.text]) else {
            throw WorkbenchError("run \(request) (\(folder)): result.json has no number '\(key)'")
        }
        return v
    }

    /// A list of numbers the experiment put in result.json.
    public func array(_ key: ResultKey) throws -> [Double] {
        guard let list = json[key.text] as? [Any] else {
            throw WorkbenchError("run \(request) (\(folder)): result.json has no list '\(key)'")
        }
        let values = list.compactMap(jsonDouble)
        guard values.count == list.count else {
            throw WorkbenchError("run \(request) (\(folder)): result.json '\(key)' holds non-numbers")
        }
        return values
    }

    /// A list of number lists the experiment put in result.json (e.g. one curve per task).
    public func matrix(_ key: ResultKey) throws -> [[Double]] {
        guard let rows = json[key.text] as? [Any] else {
            throw WorkbenchError("run \(request) (\(folder)): result.json has no list of lists '\(key)'")
        }
        return try rows.map { row in
            guard let list = row as? [Any], case let values = list.compactMap(jsonDouble), values.count == list.count else {
                throw WorkbenchError("run \(request) (\(folder)): result.json '\(key)' is not a list of number lists")
            }
            return values
        }
    }

    /// A list of names the experiment put in result.json (e.g. the tasks), empty when absent.
    public func names(_ key: ResultKey) -> [String] { (json[key.text] as? [String]) ?? [] }

    /// A resolved parameter from result.json, as a number.
    public func parameter(_ key: Parameter<Double>) throws -> Double {
        guard let p = json[RunResults.parameters.text] as? [String: Any], let v = jsonDouble(p[key.name]) else {
            throw WorkbenchError("run \(request) (\(folder)): result.json has no numeric parameter '\(key.name)'")
        }
        return v
    }
}

/// A JSON number as Double, whichever way Foundation bridged it (NSNumber, Int, Double).
public func jsonDouble(_ any: Any?) -> Double? {
    switch any {
    case let v as Double: return v
    case let v as Int: return Double(v)
    case let v as NSNumber: return v.doubleValue
    default: return nil
    }
}

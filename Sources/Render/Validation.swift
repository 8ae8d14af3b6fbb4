import Foundation

/// Checks a panel's series before drawing, so every mistake is reported as one line naming
/// the panel and series rather than as a silently wrong picture.
extension Axes {
    func validate(panel: String) throws {
        for item in items {
            let where_ = "panel \(panel), series '\(RichText.plain(item.name))'"
            switch item {
            case .line(let l):
                try sameLength(where_, ("x", l.x), ("y", l.y))
                try positive(where_, l.x, axis: "x", scale: xScale)
                try positive(where_, l.y, axis: "y", scale: yScale)
            case .band(let b):
                try sameLength(where_, ("x", b.x), ("lower", b.lower), ("upper", b.upper))
                try positive(where_, b.x, axis: "x", scale: xScale)
                try positive(where_, b.lower + b.upper, axis: "y", scale: yScale)
            case .refLine(let r):
                try positive(where_, [r.value], axis: r.vertical ? "x" : "y", scale: r.vertical ? xScale : yScale)
            case .scatter(let s):
                try sameLength(where_, ("x", s.x), ("y", s.y))
                if let labels = s.pointLabels, labels.count != s.x.count {
                    throw RenderError("\(where_): \(labels.count) point labels for \(s.x.count) points; expected one label per point")
                }
                try positive(where_, s.x, axis: "x", scale: xScale)
                try positive(where_, s.y, axis: "y", scale: yScale)
            case .heatmap(let h):
                guard let width = h.matrix.first?.count, width > 0 else {
                    throw RenderError("\(where_): the matrix is empty; expected at least one row and column")
                }
                if let bad = h.matrix.firstIndex(where: { $0.count != width }) {
                    throw RenderError("\(where_): row \(bad) has \(h.matrix[bad].count) values, row 0 has \(width); expected a rectangular matrix")
                }
                if xScale == .log || yScale == .log {
                    throw RenderError("\(where_): a heatmap needs linear axes; expected xScale and yScale .linear")
                }
                if h.scale.log, let v = h.matrix.flatMap({ $0 }).first(where: { $0.isFinite && $0 <= 0 }) {
                    throw RenderError("\(where_): log color scale got the non-positive value \(v); expected values > 0")
                }
            case .lineFamily(let f):
                if f.ys.count != f.parameters.count {
                    throw RenderError("\(where_): \(f.ys.count) lines for \(f.parameters.count) parameter values; expected one value per line")
                }
                if f.scale.log, let v = f.parameters.first(where: { $0 <= 0 }) {
                    throw RenderError("\(where_): log color scale got the parameter \(v); expected parameters > 0")
                }
                try positive(where_, f.x, axis: "x", scale: xScale)
                for (i, y) in f.ys.enumerated() {
                    try sameLength(where_ + " line \(i)", ("x", f.x), ("y", y))
                    try positive(where_ + " line \(i)", y, axis: "y", scale: yScale)
                }
            }
        }
        try checkLimits(panel: panel, xLimits, axis: "x", scale: xScale)
        try checkLimits(panel: panel, yLimits, axis: "y", scale: yScale)
    }

    private func sameLength(_ where_: String, _ arrays: (String, [Double])...) throws {
        let (firstName, first) = arrays[0]
        for (name, a) in arrays.dropFirst() where a.count != first.count {
            throw RenderError("\(where_): \(name) has \(a.count) values but \(firstName) has \(first.count); expected equal lengths")
        }
    }

    private func positive(_ where_: String, _ values: [Double], axis: String, scale: Scale) throws {
        guard scale == .log else { return }
        if let i = values.firstIndex(where: { $0.isFinite && $0 <= 0 }) {
            throw RenderError("\(where_): log \(axis) axis cannot show \(axis)=\(values[i]) (index \(i)); expected values > 0, or a linear \(axis) axis")
        }
    }

    private func checkLimits(panel: String, _ limits: ClosedRange<Double>?, axis: String, scale: Scale) throws {
        guard let limits else { return }
        if !limits.lowerBound.isFinite || !limits.upperBound.isFinite || limits.lowerBound == limits.upperBound {
            throw RenderError("panel \(panel): \(axis) limits \(limits) are empty or not finite; expected lower < upper")
        }
        if scale == .log && limits.lowerBound <= 0 {
            throw RenderError("panel \(panel): log \(axis) axis limits \(limits) include non-positive values; expected lower > 0")
        }
    }
}

import FigureKit
import Foundation

/// The multi-step MAML findings checked on Figs. 3, 6 and 7 (App. F.1).
enum MamlClaims {
    /// The one-step losses of the authors' objective (i = 0..K, one seed) where the figure draws them,
    /// for the measured text: the figures judge eq. 26's objective and show the other beside it.
    static func authorsText(_ n: FigureNumbers, _ series: DrawnSeries?) throws -> String {
        guard let series else { return "" }
        let k = try n.x(series), loss = try n.y(series)
        guard let first = k.firstIndex(of: 1), k.count == loss.count else { return "" }
        let best = Measure.argmin(loss)
        return "; authors' objective (i = 0..K, seed 0): lowest at K=\(Int(k[best])) (\(String(format: "%.4f", loss[best]))) "
            + "against K=1's \(String(format: "%.4f", loss[first]))"
    }

    /// Figs. 3a / 6l: the one-step loss against K (a drawn line) falls below standard MAML's (K = 1)
    /// when a few steps are optimized and rises again with more; `pairs`: the per-pair lines, whose
    /// own dips are counted in the measured text.
    static func oneStepDip(_ line: DrawnSeries, citation: String, pairs: [DrawnSeries] = [], authors: DrawnSeries? = nil) -> Claim {
        let panel = line.panel
        return Claim("(\(panel)) “V_MAML decreases when considering a few steps ahead … After a certain number of steps …, V_MAML "
                     + "increases”: the one-step loss is lowest at some 1 < K < 180, below K = 1's, and rises strictly with K after that minimum",
                     citation: citation) { n in
            let k = try n.x(line), loss = try n.y(line)
            guard k.count == loss.count, let first = k.firstIndex(of: 1) else {
                return ClaimOutcome(false, "no K = 1 point in (\(panel))")
            }
            let best = Measure.argmin(loss)
            let dips = k[best] > 1 && k[best] < 180 && loss[best] < loss[first]
            let rises = Measure.increasing(Array(loss[best...])) && best < loss.count - 1
            let points = k.indices.map { "K=\(Int(k[$0])): \(String(format: "%.4f", loss[$0]))" }.joined(separator: ", ")
            var text = points
            if !pairs.isEmpty {
                let own = try pairs.filter { pair in
                    let v = try n.y(pair)
                    return Measure.argmin(v) != first && v.min()! < v[first]
                }.count
                text += "; \(own) of \(pairs.count) pairs have a K > 1 below their own K = 1"
            }
            return ClaimOutcome(dips && rises, text + (try authorsText(n, authors)))
        }
    }

    /// The colorbar name of the line families over K (Figs. 3b, 6, 7b-c).
    static let kFamily = "K"

    /// Fig. 7c: -V / max against control iterations (a drawn family over K): K = 1 converges in a
    /// few iterations (reaches 1.02 x its plateau within the first quarter of them) on a plateau
    /// (over its last half it never falls 2% below that half's median, and ends within 1% of it;
    /// Adam's brief upward spikes on the flat plateau are not leaving it) that larger K leave (fall
    /// 10% below it), sooner with larger K.
    static func plateau(_ curves: DrawnSeries) -> Claim {
        let panel = curves.panel
        return Claim("(\(panel)) “optimizing one step ahead converges in a few iterations … when considering more steps, the "
                     + "optimization goes beyond this plateau and the speed at which this plateau is skipped increases with the number of "
                     + "optimized steps”: K = 1 comes within 2% of its plateau in the first quarter of the iterations and stays on it; every "
                     + "larger K falls 10% below it, at an iteration that does not grow with K",
                     citation: "App. F.1") { n in
            let family = try n.family(curves)
            guard let one = family.first, one.parameter == 1, family.count > 2 else {
                return ClaimOutcome(false, "no K = 1 curve and at least two larger K in (\(panel))")
            }
            let half = Array(one.values.suffix(one.values.count / 2)).sorted()
            let plateau = half[half.count / 2]
            let reached = one.values.firstIndex { $0 <= 1.02 * plateau } ?? one.values.count
            let settled = half.first! >= 0.98 * plateau && abs(one.values.last! - plateau) <= 0.01 * plateau
            let leave = family.dropFirst().map { curve -> Double in
                curve.values.firstIndex { $0 < 0.9 * plateau }.map(Double.init) ?? .infinity
            }
            let sooner = zip(leave, leave.dropFirst()).allSatisfy { $1 <= $0 } && leave.last! < leave.first!
            let ks = family.dropFirst().map { Int($0.parameter) }
            let text = "K = 1 within 2% of its plateau \(Measure.text(plateau)) (median of last half) from iteration \(reached) of "
                + "\(one.values.count); last half \(Measure.text(half.first!))-\(Measure.text(half.last!)), ends \(Measure.text(one.values.last!)); "
                + "iteration falling below 0.9 x plateau, K = "
                + zip(ks, leave).map { "\($0): \($1.isFinite ? String(Int($1)) : "never")" }.joined(separator: ", ")
            return ClaimOutcome(4 * reached <= one.values.count && settled && leave.allSatisfy(\.isFinite) && sooner, text)
        }
    }
}

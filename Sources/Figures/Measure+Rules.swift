import FigureKit
import Foundation

/// The shared rules claims are judged by where the paper gives no number (docs/findings.md lists
/// them): one rule per kind of finding, the same threshold in every figure that states it.
enum Rule {
    /// R1, "learns faster / sooner": the loss completes 90% of its fall (from its first to its last
    /// value) earlier with control, and, since that step is relative to each curve's own end, the
    /// loss summed over the run is lower too.
    static let fallShare = 0.9

    static func learnsFaster(baseline: [Double], control: [Double]) -> ClaimOutcome {
        let b = Measure.timeToFall(baseline, share: fallShare), c = Measure.timeToFall(control, share: fallShare)
        let sumB = Measure.sum(baseline), sumC = Measure.sum(control)
        guard let b, let c else { return ClaimOutcome(false, "a loss curve does not fall") }
        return ClaimOutcome(c < b && sumC < sumB,
                            "90% of the fall at step \(c) (control) vs \(b) (baseline); ΣL \(Measure.text(sumC)) vs \(Measure.text(sumB))")
    }

    /// R2, "improvement in the loss": Δ = L_B - L_C (the drawn seed mean) never falls below -1% of
    /// its peak, and the peak is positive; the steps with Δ < 0 are counted.
    static func improves(_ delta: [Double]) -> ClaimOutcome {
        let finite = delta.filter { !$0.isNaN }
        guard let peak = finite.max(), let low = finite.min() else { return ClaimOutcome(false, "no improvement curve") }
        let worse = finite.filter { $0 < 0 }.count
        return ClaimOutcome(peak > 0 && low >= -0.01 * peak,
                            "min \(Measure.text(low)), peak \(Measure.text(peak)); control worse at \(worse) of \(finite.count) steps")
    }

    /// R3, "lower loss over the run": the loss summed over the run (as drawn) is lower with control.
    static func lowerLoss(baseline: [Double], control: [Double]) -> (passed: Bool, text: String) {
        let b = Measure.sum(baseline), c = Measure.sum(control)
        return (c < b, "ΣL \(Measure.text(c)) (control) vs \(Measure.text(b)) (baseline)")
    }

    /// "Control costs instant reward early and pays later" (Figs. 2a, 5a): v_C - v_B is negative up
    /// to one crossing and never after it, and its sum after the crossing is positive.
    static func costThenGain(control: [Double], baseline: [Double]) -> ClaimOutcome {
        let d = zip(control, baseline).map { $0 - $1 }
        guard let cross = d.firstIndex(where: { $0 >= 0 }), cross > 0 else {
            return ClaimOutcome(false, "v_C - v_B is not negative at the start (\(Measure.text(d.first ?? .nan)))")
        }
        let later = Array(d[cross...])
        let dips = later.filter { $0 < 0 }.count, gain = Measure.sum(later)
        return ClaimOutcome(dips == 0 && gain > 0,
                            "v_C < v_B over steps 0-\(cross - 1), crossing at \(cross) of \(d.count); afterwards v_C < v_B at \(dips) steps; "
                            + "Σ(v_C - v_B) after the crossing \(Measure.text(gain)), over the run \(Measure.text(Measure.sum(d)))")
    }

    /// R4, "almost at every point": L_C(t) ≤ L_B(t) at no fewer than 90% of the steps.
    static func almostEverywhereBelow(baseline: [Double], control: [Double]) -> (passed: Bool, share: Double, text: String) {
        let pairs = zip(baseline, control).filter { !$0.0.isNaN && !$0.1.isNaN }
        let share = Double(pairs.filter { $0.1 <= $0.0 }.count) / Double(max(1, pairs.count))
        return (share >= 0.9, share, "L_C ≤ L_B at \(Measure.text(100 * share))% of the steps (≥ 90%)")
    }

    /// R5, "control exerted early … decaying to zero": the mean over the first quarter of the run is
    /// at least 3x the mean over the last half, and the mean over the last 5% is at most 5% of the peak.
    static func earlyThenDecays(_ g: [Double]) -> (passed: Bool, ratio: Double, tail: Double) {
        let n = g.count
        let ratio = Measure.meanAbs(g, 0..<n / 4) / Measure.meanAbs(g, n / 2..<n)
        let peak = g.map(abs).filter { !$0.isNaN }.max() ?? .nan
        let tail = Measure.meanAbs(g, n - max(1, n / 20)..<n) / peak
        return (ratio >= 3 && tail <= 0.05, ratio, tail)
    }

    static func earlyThenDecaysText(_ name: String, _ r: (passed: Bool, ratio: Double, tail: Double)) -> String {
        "\(name): first quarter / last half \(Measure.text(r.ratio))x (≥ 3), last 5% / peak \(Measure.text(r.tail)) (≤ 0.05)"
    }

    /// R6, sparsity: the final L1/L2 ratio is lower with control; where the paper says both reach
    /// the same L2 (App. K.2), the final L2 norms agree within 5%.
    static func sparser(l1B: Double, l2B: Double, l1C: Double, l2C: Double, sameL2: Bool) -> ClaimOutcome {
        let gap = Measure.relativeGap(l2B, l2C)
        let ratioB = l1B / l2B, ratioC = l1C / l2C
        return ClaimOutcome(ratioC < ratioB && (!sameL2 || gap <= 0.05),
                            "final L1/L2 \(Measure.text(ratioC)) (control) vs \(Measure.text(ratioB)) (baseline); "
                                + "final L2 \(Measure.text(l2C)) vs \(Measure.text(l2B)) (gap \(Measure.text(100 * gap))%)")
    }

    /// R7: the Spearman correlation an order of ten digits must reach.
    static let orderCorrelation = 0.7

    /// R8, sweeps "more / less control": the total control is strictly monotone in the swept
    /// parameter; neighbors that both learn nothing (`idle`, at the bound) may tie within
    /// `tieTolerance`. Fewer than half the sweep learning leaves too few points to order: not a pass.
    static func monotone(_ v: [Double], increasing: Bool, idle: [Bool]? = nil, tieTolerance: Double = 0,
                         quantity: String, parameter: String) -> ClaimOutcome {
        let idle = idle ?? Array(repeating: false, count: v.count)
        let signed = increasing ? v : v.map { -$0 }
        let ordered = Measure.increasing(signed, tiedWhere: idle, tieTolerance: tieTolerance)
        let learning = idle.filter { !$0 }.count
        let enough = 2 * learning >= v.count
        var text = "\(quantity) over \(parameter) ascending: \(Measure.text(v)); \(learning) of \(v.count) points tested strictly"
        if learning < v.count { text += " (the other \(v.count - learning) learn nothing, L(T) within \(Measure.text(idleLossChange)) of L(0), and may tie)" }
        if !enough { text += "; degenerate on this preset: fewer than half the sweep learns" }
        return ClaimOutcome(ordered && enough, text)
    }

    /// R8: a run "learns nothing" when its final loss is within this of its initial loss (the
    /// weights never left the initial saddle: α(t) at its bound, 0, up to the optimizer's resolution).
    static let idleLossChange = 1e-3

    /// R8: whether a run with this loss curve learns nothing (`idleLossChange`).
    static func learnsNothing(_ loss: [Double]) -> Bool {
        abs((loss.first ?? .nan) - (loss.last ?? .nan)) <= idleLossChange
    }

    /// R12, "starts acting before the switch": at every switch s, the signal first reaches half of
    /// its peak over (s - P/2, s + P/2) before s. The peak's step and the rise into the switch (the
    /// signal just before s over its minimum in the half-period before) are reported.
    static func startsBeforeSwitches(_ g: [Double], switches: [Int], x: [Double]? = nil) -> ClaimOutcome {
        guard switches.count >= 2 else { return ClaimOutcome(false, "found \(switches.count) switches") }
        let period = switches[1] - switches[0]
        // Steps of the samples: the index, or the drawn x (a zoom starts after step 0).
        let steps = x.map { $0.map { Int($0.rounded()) } } ?? Array(g.indices)
        var parts: [String] = [], all = true, checked = 0
        for s in switches {
            let window = g.indices.filter { steps[$0] > s - period / 2 && steps[$0] < s + period / 2 && !g[$0].isNaN }
            guard let peakIndex = window.max(by: { g[$0] < g[$1] }), steps[window[0]] < s, let before = g.indices.last(where: { steps[$0] < s }) else { continue }
            checked += 1
            let onset = window.first { g[$0] >= g[peakIndex] / 2 }!
            let low = window.filter { steps[$0] < s }.map { g[$0] }.min() ?? .nan
            all = all && steps[onset] < s
            parts.append("s \(s): onset \(steps[onset]), peak \(steps[peakIndex]), rise into s \(Measure.text(g[before] / low))x")
        }
        return ClaimOutcome(all && checked > 0, parts.joined(separator: "; "))
    }
}

extension Measure {
    /// Center in time (fraction of the run) of a curve's excess over `neutral`, the coefficient's
    /// value without control (φ and attentive or vector ψ: 1; active ψ and ν: 0): sum_t t e(t) / sum_t e(t) / n
    /// with e = max(v - neutral, 0). NaN when the curve never exceeds it.
    static func engagementCenter(_ v: [Double], neutral: Double) -> Double {
        var weight = 0.0, moment = 0.0
        for (t, x) in v.enumerated() where x > neutral {
            weight += x - neutral
            moment += Double(t) * (x - neutral)
        }
        return weight > 0 ? moment / weight / Double(v.count) : .nan
    }

    /// Share of the run during which a curve's excess over `neutral` is at least half its peak
    /// excess: how sustained the engagement is. 0 when it never exceeds `neutral`.
    static func sustainedShare(_ v: [Double], neutral: Double) -> Double {
        let excess = v.map { max($0 - neutral, 0) }
        guard let peak = excess.max(), peak > 0 else { return 0 }
        return Double(excess.filter { $0 >= peak / 2 }.count) / Double(v.count)
    }

    /// Steps the loss takes after each switch to recover half-way from its value at the switch to
    /// its value at the end of that period (the task-switch experiment's `recovery_steps`, on the
    /// drawn curve).
    static func recoverySteps(_ loss: [Double], switches: [Int]) -> [Int] {
        guard switches.count >= 2 else { return [] }
        let period = switches[1] - switches[0]
        return switches.filter { $0 < loss.count }.map { s in
            let end = min(s + period, loss.count) - 1
            let target = 0.5 * (loss[s] + loss[end])
            return ((s...end).first { loss[$0] <= target } ?? end) - s
        }
    }

    /// Learning steps of a loss curve: the bumps of its normalized rate of fall -dL/dt (at least
    /// 5% of the largest, each the largest within 1/40 of the run either side), the detector of
    /// Fig. 12's plateaus. Each level of the semantic hierarchy learned is one step.
    static func learningSteps(_ loss: [Double]) -> [Int] {
        let rate = zip(loss, loss.dropFirst()).map { $0 - $1 }
        guard let top = rate.filter({ !$0.isNaN }).max(), top > 0 else { return [] }
        return peaks(rate.map { $0 / top }, minHeight: 0.05, halfWidth: max(1, loss.count / 40))
    }

    /// Least-squares line through (x, y): slope and R².
    static func lineFit(_ x: [Double], _ y: [Double]) -> (slope: Double, r2: Double) {
        let mx = mean(x), my = mean(y)
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
        return (sxy / sxx, sxx > 0 && syy > 0 ? sxy * sxy / (sxx * syy) : .nan)
    }
}

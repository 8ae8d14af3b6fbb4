import FigureKit
import Render
import WorkbenchKit

/// The findings of Sec. 6 / App. K.2-K.3 that Figs. 5, 11, 12 and 16 show, checked on their drawn numbers.
extension EffortAllocationFigure {
    /// The panel letter of a panel type in this figure's first row.
    func letter(_ panel: Panel) -> String { String(Character(UnicodeScalar(97 + panels.firstIndex(of: panel)!)!)) }

    func claims(_ c: PlanContext) -> [Claim] {
        let loss = letter(.loss), norms = letter(.norms), speed = letter(.speed)
        let sooner = Claim("(\(loss)) control learns sooner: its loss completes 90% of its fall earlier than the baseline's") { n in
            let b = Measure.timeToFall(try n.y(Style.baselineVsControlLines(panel: loss).baseline), share: 0.9)
            let c = Measure.timeToFall(try n.y(Style.baselineVsControlLines(panel: loss).control), share: 0.9)
            guard let b, let c else { return ClaimOutcome(false, "a loss curve does not fall") }
            return ClaimOutcome(c < b, "90% of the fall at step \(c) (control) vs \(b) (baseline)")
        }
        let sparser = Claim("(\(norms)) with control the weights are sparser: final L1 lower than the baseline's at an equal final L2 (within 5%)") { n in
            let l1B = try n.y(Self.normLine(panel: norms, .baseline, .l1)).last!, l1C = try n.y(Self.normLine(panel: norms, .control, .l1)).last!
            let l2B = try n.y(Self.normLine(panel: norms, .baseline, .l2)).last!, l2C = try n.y(Self.normLine(panel: norms, .control, .l2)).last!
            let gap = Measure.relativeGap(l2B, l2C)
            return ClaimOutcome(l1C < l1B && gap <= 0.05,
                                "final L1 \(Measure.text(l1C)) (control) vs \(Measure.text(l1B)) (baseline); final L2 \(Measure.text(l2C)) vs \(Measure.text(l2B)) (gap \(Measure.text(100 * gap))%)")
        }
        let early = Claim("(\(speed)) control is spent early: the mean of |G1| and |G2| over the first quarter of the run is at least 3x that over the last half") { n in
            var ratios: [Double] = []
            for layer in [1, 2] {
                let g = try n.y(Self.gainSizeLine(panel: speed, layer: layer)), q = g.count / 4
                ratios.append(Measure.meanAbs(g, 0..<q) / Measure.meanAbs(g, g.count / 2..<g.count))
            }
            return ClaimOutcome(ratios.allSatisfy { $0 >= 3 }, "first quarter / last half: G1 \(Measure.text(ratios[0]))x, G2 \(Measure.text(ratios[1]))x")
        }
        switch number {
        case 5: return [sooner, sparser, early, TaskSwitchPanels.switchClaim]
        case 11: return [settled, sooner, sparser, early]
        case 12: return [plateaus, sooner, sparser, early]
        default: return taskSwitchClaims
        }
    }

    /// Fig. 11's time window hides nothing: the losses have settled before it ends.
    private var settled: Claim {
        let loss = letter(.loss), share = window ?? 1
        return Claim("(\(loss)) the shown window (first \(Int((share * 100).rounded()))% of the run) holds all the learning: both losses are within 0.1% of their final value after it") { n in
            let b = try n.y(Style.baselineVsControlLines(panel: loss).baseline), c = try n.y(Style.baselineVsControlLines(panel: loss).control)
            let end = Int((share * Double(b.count - 1)).rounded())
            let sb = Measure.settledFrom(b, tolerance: 0.001), sc = Measure.settledFrom(c, tolerance: 0.001)
            return ClaimOutcome(max(sb, sc) <= end, "settled from step \(sb) (baseline), \(sc) (control); window ends at \(end) of \(b.count)")
        }
    }

    /// Fig. 12: the control keeps the first plateau and skips the later ones (README's text).
    private var plateaus: Claim {
        let loss = letter(.loss), speed = letter(.speed)
        return Claim("(\(loss), \(speed)) control keeps the first plateau (leaves it at most 25% earlier than the baseline) but skips the later ones: d_tL shows fewer learning bumps") { n in
            let lb = try n.y(Style.baselineVsControlLines(panel: loss).baseline), lc = try n.y(Style.baselineVsControlLines(panel: loss).control)
            guard let leaveB = Measure.timeToFall(lb, share: 0.05), let leaveC = Measure.timeToFall(lc, share: 0.05) else {
                return ClaimOutcome(false, "a loss curve does not fall")
            }
            let halfWidth = lb.count / 40
            let bumpsB = Measure.peaks(try n.y(Self.speedLine(panel: speed, .baseline)), minHeight: 0.05, halfWidth: halfWidth)
            let bumpsC = Measure.peaks(try n.y(Self.speedLine(panel: speed, .control)), minHeight: 0.05, halfWidth: halfWidth)
            let kept = Double(leaveC) >= 0.75 * Double(leaveB)
            return ClaimOutcome(kept && bumpsC.count < bumpsB.count && bumpsB.count >= 3,
                                "first plateau left at step \(leaveC) (control) vs \(leaveB) (baseline); d_tL bumps (≥ 0.05, ±\(halfWidth) steps) at \(bumpsC) (control) vs \(bumpsB) (baseline)")
        }
    }

    /// Fig. 16 (App. K.3): the task-switch run's loss, control and weights.
    private var taskSwitchClaims: [Claim] {
        let loss = letter(.loss), norms = letter(.norms), speed = letter(.speed)
        return [
            Claim("(\(loss)) the baseline's loss is above the control's almost everywhere: lower summed loss with control in every task period, and wherever L_C > L_B it is in the run-up to the next switch (the last third of a period, where the control prepares for the next task)") { n in
                let b = try n.y(Style.baselineVsControlLines(panel: loss).baseline), c = try n.y(Style.baselineVsControlLines(panel: loss).control)
                let switches = try Self.switches(n, speed)
                guard switches.count >= 2 else { return ClaimOutcome(false, "found \(switches.count) switches in (\(speed))") }
                let period = switches[1] - switches[0]
                let bounds = [0] + switches + [b.count]
                let periodsLower = zip(bounds, bounds.dropFirst()).map { lo, hi in
                    Measure.sum(Array(c[lo..<hi])) < Measure.sum(Array(b[lo..<hi]))
                }
                let above = b.indices.filter { c[$0] > b[$0] }
                let beforeSwitch = above.filter { i in switches.contains { s in s > i && s - i <= period / 3 } }
                let share = Double(b.count - above.count) / Double(max(1, b.count))
                return ClaimOutcome(periodsLower.allSatisfy { $0 } && beforeSwitch.count == above.count,
                                    "L_B ≥ L_C at \(Measure.text(100 * share))% of the steps; summed loss lower with control in \(periodsLower.filter { $0 }.count) of \(periodsLower.count) periods; steps with L_C > L_B: \(above.count), of which \(beforeSwitch.count) within \(period / 3) steps before a switch")
            },
            Claim("(\(speed)) control peaks at every switch: |G1| + |G2| is largest within 2% of the run around each switch, over the half-periods either side") { n in
                let switches = try Self.switches(n, speed)
                let g1 = try n.y(Self.gainSizeLine(panel: speed, layer: 1)), g2 = try n.y(Self.gainSizeLine(panel: speed, layer: 2))
                let g = zip(g1, g2).map { abs($0) + abs($1) }
                guard switches.count >= 2 else { return ClaimOutcome(false, "found \(switches.count) switches in (\(speed))") }
                let period = switches[1] - switches[0], near = max(1, g.count / 50)
                let hits = switches.map { s -> Bool in
                    let around = max(0, s - period / 2)..<min(g.count, s + period / 2)
                    let peak = around.max { g[$0] < g[$1] }!
                    return abs(peak - s) <= near
                }
                return ClaimOutcome(hits.allSatisfy { $0 }, "switches at \(switches); peak of |G| within ±\(near) steps: \(hits.map { $0 ? "yes" : "no" }.joined(separator: ", "))")
            },
            Claim("(\(norms)) with control the weights end larger (final L2) yet sparser (lower L1/L2)") { n in
                let l1B = try n.y(Self.normLine(panel: norms, .baseline, .l1)).last!, l1C = try n.y(Self.normLine(panel: norms, .control, .l1)).last!
                let l2B = try n.y(Self.normLine(panel: norms, .baseline, .l2)).last!, l2C = try n.y(Self.normLine(panel: norms, .control, .l2)).last!
                return ClaimOutcome(l2C > l2B && l1C / l2C < l1B / l2B,
                                    "final L2 \(Measure.text(l2C)) (control) vs \(Measure.text(l2B)) (baseline); L1/L2 \(Measure.text(l1C / l2C)) vs \(Measure.text(l1B / l2B))")
            },
        ]
    }

    /// The switch steps of a task-switch figure: where its d_tL line (panel `speed`) is broken,
    /// since the loss jumps there.
    static func switches(_ n: FigureNumbers, _ speed: String) throws -> [Int] {
        let rate = try n.y(Self.speedLine(panel: speed, .baseline))
        return rate.indices.filter { rate[$0].isNaN }.map { $0 + 1 }
    }
}

import FigureKit
import Foundation
import Render
import WorkbenchKit

/// The findings of Sec. 6 / App. K.2-K.3 that Figs. 5, 11, 12 and 16 show, checked on their drawn numbers.
extension EffortAllocationFigure {
    /// The panel letter of a panel type in this figure's first row.
    func letter(_ panel: Panel) -> String { String(Character(UnicodeScalar(97 + panels.firstIndex(of: panel)!)!)) }

    /// Where the effort-allocation findings are stated: Sec. 6.1 for Fig. 5, App. K.2 for Figs. 11
    /// and 12 ("in all cases").
    var statedIn: String { number == 5 ? "Sec. 6.1" : "App. K.2" }

    func claims(_ c: PlanContext) -> [Claim] {
        let reward = letter(.reward), loss = letter(.loss), norms = letter(.norms), speed = letter(.speed)
        let losses = Style.baselineVsControlLines(panel: loss)
        func finalNorm(_ n: FigureNumbers, _ role: Role, _ norm: WeightNorm) throws -> Double {
            try n.y(Self.normLine(panel: norms, role, norm)).last!
        }
        let sooner = Claim("(\(loss)) " + (number == 5 ? "“it also learns faster”" : "“in all cases the learning of the dataset is speed up by the learning effort control signal”")
                           + ": the loss reaches 90% of its fall sooner with control, and its sum over the run is lower",
                           citation: statedIn) { n in
            Rule.learnsFaster(baseline: try n.y(losses.baseline), control: try n.y(losses.control))
        }
        let sparser = Claim("(\(norms)) " + (number == 5 ? "“a more sparse solution (L1 norm in Fig. 5b), using fewer weights”" : "“the set of weights gets more sparse when using control”")
                            + " while “the weights for the baseline and controlled case reach the same L2 norm”: final L1/L2 lower with control, "
                            + "final L2 norms within 5%", citation: statedIn + (number == 5 ? "; App. K.2" : "")) { n in
            Rule.sparser(l1B: try finalNorm(n, .baseline, .l1), l2B: try finalNorm(n, .baseline, .l2),
                         l1C: try finalNorm(n, .control, .l1), l2C: try finalNorm(n, .control, .l2), sameL2: true)
        }
        let early = Claim("(\(speed)) " + (number == 5 ? "“the control signal is larger early in training”" : "“Most of the control is exerted in early stages of learning”")
                          + ", “decaying to zero at the end of the given time frame”: for each layer's |G| (RMS of all its gains), the mean over "
                          + "the first quarter of the run is at least 3x that over the last half, and the mean over the last 5% at most 5% of its peak",
                          citation: number == 5 ? "Sec. 6.1; App. K.2" : "App. K.2") { n in
            let r = try [1, 2].map { Rule.earlyThenDecays(try n.y(Self.gainSizeLine(panel: speed, layer: $0))) }
            return ClaimOutcome(r.allSatisfy(\.passed), Rule.earlyThenDecaysText("G1", r[0]) + "; " + Rule.earlyThenDecaysText("G2", r[1]))
        }
        let aroundLearning = Claim("(\(speed)) " + (number == 5 ? "“and near the stages of learning when the increase in performance (d_tL(t)) is larger”"
                                                              : "“with peaks around times when the improvement in the loss is higher”")
                                   + ": each layer's |G| peaks within 5% of the run of the control's d_tL peak",
                                   citation: statedIn) { n in
            let rate = try n.y(Self.speedLine(panel: speed, .control))
            let top = Measure.argmax(rate.map { $0.isNaN ? 0 : $0 }), near = rate.count / 20
            let peaks = try [1, 2].map { Measure.argmax(try n.y(Self.gainSizeLine(panel: speed, layer: $0))) }
            return ClaimOutcome(peaks.allSatisfy { abs($0 - top) <= near },
                                "|G1| peaks at step \(peaks[0]), |G2| at \(peaks[1]); the control's d_tL at \(top) (within ±\(near) steps)")
        }
        switch number {
        case 5:
            let shifts = Claim("(\(speed)) “The control signal shifts the peaks in d_tL(t) earlier in learning”: the control's d_tL peaks before the baseline's",
                               citation: "Sec. 6.1") { n in
                let b = Measure.argmax(try n.y(Self.speedLine(panel: speed, .baseline)).map { $0.isNaN ? 0 : $0 })
                let cc = Measure.argmax(try n.y(Self.speedLine(panel: speed, .control)).map { $0.isNaN ? 0 : $0 })
                return ClaimOutcome(cc < b, "d_tL peaks at step \(cc) (control) vs \(b) (baseline)")
            }
            let costsFirst = Claim("(\(reward)) “reduces the instant net reward rate by the use of control in the early stages of learning, to get better "
                                   + "performance later”: v_C(t) < v_B(t) up to one crossing, v_C(t) > v_B(t) after it, and Σ(v_C - v_B) after the crossing is positive",
                                   citation: "Sec. 6.1") { n in
                let lines = Style.baselineVsControlLines(panel: reward)
                return Rule.costThenGain(control: try n.y(lines.control), baseline: try n.y(lines.baseline))
            }
            return [costsFirst, sparser, sooner, early, aroundLearning, shifts]
                + (withSwitchPanels(c) ? TaskSwitchPanels.claims : [])
        case 11: return [sooner, sparser, early, aroundLearning]
        case 12: return [plateaus, sooner, sparser, early, aroundLearning, firstStep]
        default: return taskSwitchClaims
        }
    }

    /// Fig. 12 (App. K.2): the control skips the plateaus of step-like learning.
    private var plateaus: Claim {
        let loss = letter(.loss), speed = letter(.speed)
        return Claim("(\(loss), \(speed)) “the control signal is able to skip the plateaus when learning each level on the hierarchy”: the control "
                     + "leaves the first plateau (5% of the loss's fall) in at most half the baseline's time, and its d_tL shows fewer learning "
                     + "bumps (≥ 0.05, the largest within 1/40 of the run) than the baseline's three or more", citation: "App. K.2") { n in
            let lb = try n.y(Style.baselineVsControlLines(panel: loss).baseline), lc = try n.y(Style.baselineVsControlLines(panel: loss).control)
            guard let leaveB = Measure.timeToFall(lb, share: 0.05), let leaveC = Measure.timeToFall(lc, share: 0.05) else {
                return ClaimOutcome(false, "a loss curve does not fall")
            }
            let halfWidth = lb.count / 40
            let bumpsB = Measure.peaks(try n.y(Self.speedLine(panel: speed, .baseline)), minHeight: 0.05, halfWidth: halfWidth)
            let bumpsC = Measure.peaks(try n.y(Self.speedLine(panel: speed, .control)), minHeight: 0.05, halfWidth: halfWidth)
            let skipped = 2 * leaveC <= leaveB
            return ClaimOutcome(skipped && bumpsC.count < bumpsB.count && bumpsB.count >= 3,
                                "first plateau left at step \(leaveC) (control) vs \(leaveB) (baseline); d_tL bumps at \(bumpsC) (control) vs \(bumpsB) (baseline)")
        }
    }

    /// Fig. 12 (App. K.2): the control is largest at the first step and decays exponentially.
    private var firstStep: Claim {
        let speed = letter(.speed)
        return Claim("(\(speed)) “the control signal is the highest just the first step and decays exponentially until the end of training”: "
                     + "each layer's |G| peaks within the first 1% of the run, and log |G| falls along a line (negative slope, R² ≥ 0.9) from "
                     + "the peak to 95% of the run", citation: "App. K.2") { n in
            var parts: [String] = [], ok = true
            for layer in [1, 2] {
                let g = try n.y(Self.gainSizeLine(panel: speed, layer: layer)), top = Measure.argmax(g)
                let range = top..<max(top + 2, g.count * 95 / 100)
                let fit = Measure.lineFit(range.map(Double.init), range.map { log(max(g[$0], 1e-300)) })
                ok = ok && top <= g.count / 100 && fit.slope < 0 && fit.r2 >= 0.9
                parts.append("G\(layer): peak at step \(top) of \(g.count), log-linear slope \(Measure.text(fit.slope)), R² \(Measure.text(fit.r2))")
            }
            return ClaimOutcome(ok, parts.joined(separator: "; "))
        }
    }

    /// Fig. 16 (App. K.3): the task-switch run's loss, control and weights.
    private var taskSwitchClaims: [Claim] {
        let loss = letter(.loss), norms = letter(.norms), speed = letter(.speed)
        func finalNorm(_ n: FigureNumbers, _ role: Role, _ norm: WeightNorm) throws -> Double {
            try n.y(Self.normLine(panel: norms, role, norm)).last!
        }
        return [
            Claim("(\(loss)) “the baseline loss L_B(t) is higher than the loss with control L_C(t) almost at every point throughout learning”: "
                  + "L_C(t) ≤ L_B(t) at 90% of the steps or more", citation: "Sec. 6.1") { n in
                let b = try n.y(Style.baselineVsControlLines(panel: loss).baseline), c = try n.y(Style.baselineVsControlLines(panel: loss).control)
                let r = Rule.almostEverywhereBelow(baseline: b, control: c)
                let switches = try Self.switches(n, speed)
                let period = switches.count >= 2 ? switches[1] - switches[0] : b.count
                let above = b.indices.filter { c[$0] > b[$0] }
                let beforeSwitch = above.filter { i in switches.contains { s in s > i && s - i <= period / 3 } }
                return ClaimOutcome(r.passed, r.text + "; of the \(above.count) steps with L_C > L_B, \(beforeSwitch.count) lie in the last third of a period before a switch")
            },
            Claim("(\(speed)) “The control signal starts acting before the switch”: at every switch s, |G1| + |G2| first reaches half its "
                  + "peak over (s - P/2, s + P/2) before s", citation: "Sec. 6.1") { n in
                let g1 = try n.y(Self.gainSizeLine(panel: speed, layer: 1)), g2 = try n.y(Self.gainSizeLine(panel: speed, layer: 2))
                return Rule.startsBeforeSwitches(zip(g1, g2).map { abs($0) + abs($1) }, switches: try Self.switches(n, speed))
            },
            Claim("(\(norms)) “the weight norm for the controlled case through the switches are larger”: L2 larger with control at every "
                  + "switch and at the end", citation: "App. K.3") { n in
                let b = try n.y(Self.normLine(panel: norms, .baseline, .l2)), c = try n.y(Self.normLine(panel: norms, .control, .l2))
                let at = try Self.switches(n, speed).filter { $0 < b.count } + [b.count - 1]
                let larger = at.filter { c[$0] > b[$0] }.count
                return ClaimOutcome(larger == at.count, "L2 larger with control at \(larger) of \(at.count) (switches and end); "
                                    + "final L2 \(Measure.text(c.last!)) (control) vs \(Measure.text(b.last!)) (baseline)")
            },
            Claim("(\(norms)) “the sparsity of the weights is higher compared to the baseline case”: final L1/L2 lower with control",
                  citation: "Sec. 6.1") { n in
                Rule.sparser(l1B: try finalNorm(n, .baseline, .l1), l2B: try finalNorm(n, .baseline, .l2),
                             l1C: try finalNorm(n, .control, .l1), l2C: try finalNorm(n, .control, .l2), sameL2: false)
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

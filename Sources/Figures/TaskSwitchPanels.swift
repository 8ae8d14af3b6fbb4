import FigureKit
import Render
import TaskSwitch
import WorkbenchKit

/// Figure 5(e-g): the task-switch meta-task, drawn in a row of Figure 5.
enum TaskSwitchPanels {
    static let caption = """
        (e) Task switch: L(t) of baseline and control across the switches; (f) L at each switch time (mean over \
        seeds, markers) with the normalized cost of control C/max C at the switch times (green); (g) zoom of L(t) \
        over the last two switches with the normalized cost of control (green). With control the loss peak at a \
        switch shrinks as switches repeat, control being spent at the switches. The two tasks alternate and the \
        switch into one costs more than the switch into the other, so the peaks fall from one switch into the same \
        task to the next (every other marker), not from each switch to the next.
        """

    /// The series the claims read, as drawn: (e) the losses, (f) the losses at the switches (x: the
    /// switch steps), (g) the normalized cost of control over the last two switches.
    static let losses = Style.baselineVsControlLines(panel: "e")
    static let switchLosses = Style.baselineVsControlLines(panel: "f")
    static let zoomCost = DrawnSeries(panel: "g", label: costLabel)
    static let costLabel = "C / max C"

    /// Fig. 5 (e)-(g) (Sec. 6.1 "Task Switch").
    static var claims: [Claim] {
        [
            Claim("(e) “the baseline loss L_B(t) is higher than the loss with control L_C(t) almost at every point throughout learning”: "
                  + "L_C(t) ≤ L_B(t) at 90% of the steps or more", citation: "Sec. 6.1") { n in
                let r = Rule.almostEverywhereBelow(baseline: try n.y(losses.baseline), control: try n.y(losses.control))
                return ClaimOutcome(r.passed, r.text)
            },
            Claim("(e) “to speed up the approach of the weight to the solution, skipping the plateau in the loss”: after every switch but "
                  + "the first, the loss recovers half-way from its value at the switch to the period's end level in fewer steps with control",
                  citation: "Sec. 6.1") { n in
                let switches = try n.x(switchLosses.baseline).map { Int($0.rounded()) }
                let b = Measure.recoverySteps(try n.y(losses.baseline), switches: switches)
                let c = Measure.recoverySteps(try n.y(losses.control), switches: switches)
                let faster = zip(b, c).dropFirst().allSatisfy { $1 < $0 }
                return ClaimOutcome(faster && b.count >= 2, "steps to recover half-way, switch by switch: control \(c.map(String.init).joined(separator: ", ")); "
                                    + "baseline \(b.map(String.init).joined(separator: ", "))")
            },
            Claim("(f) “After each switch, the control signal manages to iteratively drive the learning dynamics to places in parameter "
                  + "space where each switch is less costly”: the control's loss at each switch is below the baseline's and falls from one "
                  + "switch into the same task to the next", citation: "Sec. 6.1") { n in
                let b = try n.y(switchLosses.baseline), c = try n.y(switchLosses.control)
                let below = zip(b, c).allSatisfy { $1 < $0 }
                let intoB = Measure.alternate(c, from: 0), intoA = Measure.alternate(c, from: 1)
                let falls = Measure.decreasing(intoB) && Measure.decreasing(intoA)
                return ClaimOutcome(below && falls && c.count >= 3,
                                    "L at the switches, control: \(Measure.text(c)); baseline: \(Measure.text(b)); same-task sequences \(Measure.text(intoB, separator: " > ")) and \(Measure.text(intoA, separator: " > "))")
            },
            Claim("(g) “The control signal starts acting before the switch (Fig. 5g)”: at each switch the zoom shows, C / max C first "
                  + "reaches half its peak over (s - P/2, s + P/2) before s", citation: "Sec. 6.1") { n in
                let switches = try n.x(switchLosses.baseline).map { Int($0.rounded()) }
                return Rule.startsBeforeSwitches(try n.y(zoomCost), switches: switches, x: try n.x(zoomCost))
            },
        ]
    }

    static func draw(_ fig: Figure, row: Int, _ records: [RunRecord]) throws {
        let full = fig[row, 0]
        try Style.baselineVsControl(full, records, column: RunColumns.loss, yLabel: "Loss L(t)")
        full.title = "Task switch"

        let atSwitch = fig[row, 1]
        let switchSteps = try records[0].array(TaskSwitchNames.switchSteps)
        for (role, color, name) in Style.roles {
            let values = Style.meanStd(try records.map { try $0.array(TaskSwitchNames.lossAtSwitch[role]) }).mean
            atSwitch.line(switchSteps, values, label: name, color: color, width: Style.lineWidth, marker: .circle)
        }
        let cost = Style.meanStd(try records.map { try $0.array(TaskSwitchNames.costNormalizedAtSwitch.control) }).mean
        atSwitch.line(switchSteps, cost, label: costLabel, color: Color.C(2), width: Style.lineWidth, marker: .square)
        atSwitch.xLabel = "Switch time"
        atSwitch.yLabel = "L at switch; normalized C"

        let zoom = fig[row, 2]
        guard switchSteps.count >= 2 else {
            throw WorkbenchError("run \(records[0].request) has fewer than two switches; nothing to zoom on")
        }
        let a = Int(switchSteps[switchSteps.count - 2]), b = Int(switchSteps[switchSteps.count - 1])
        let pad = max((b - a) / 9, 1)
        let window = max(a - pad, 0)..<min(b + pad, try records[0].column(RunColumns.loss, .baseline).count)
        let x = window.map(Double.init)
        for (role, color, name) in Style.roles {
            let mean = Style.meanStd(try records.map { try $0.column(RunColumns.loss, role) }).mean
            zoom.line(x, Array(mean[window]), label: name, color: color, width: Style.lineWidth)
        }
        let c = Style.meanStd(try records.map { try $0.column(TaskSwitchNames.costNormalized, .control) }).mean
        zoom.line(x, Array(c[window]), label: costLabel, color: Color.C(2), width: Style.lineWidth)
        zoom.xLabel = Style.taskTime
        zoom.yLabel = "Loss L(t) (zoom)"
        for col in 3..<fig.cols { fig[row, col].isHidden = true }
    }
}

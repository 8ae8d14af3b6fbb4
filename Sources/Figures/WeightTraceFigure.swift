import Render
import WorkbenchKit

/// Figures 13-15: individual weights of W1 and W2 (baseline solid, control dashed) and the
/// gains G1, G2 acting on them, one colour per weight, from the first seed's run.
struct WeightTraceFigure: PaperFigure {
    let number: Int
    let experiment: String
    let source: SeededRuns
    let datasetName: String
    var id: String { "fig\(number)" }
    var title: String { "Weights and gains through training, \(datasetName)" }
    var requiredExperiments: [String] { [experiment] }

    static let gaussian = WeightTraceFigure(number: 13, experiment: "effort-allocation", source: GainRuns.effort("gaussian"),
                                            datasetName: "correlated Gaussian task")
    static let semantic = WeightTraceFigure(number: 14, experiment: "effort-allocation", source: GainRuns.effort("semantic"),
                                            datasetName: "semantic hierarchy task")
    static let mnist = WeightTraceFigure(number: 15, experiment: "effort-allocation", source: GainRuns.effort("mnist"),
                                         datasetName: "MNIST (1 vs 3) task")
    static let taskSwitch = WeightTraceFigure(number: 17, experiment: "task-switch", source: GainRuns.taskSwitch,
                                              datasetName: "task switches")

    var caption: String {
        """
        Weight and control evolution through training, \(datasetName) (Sec. 6, App. K.2-K.3), \
        first seed. (a) first-layer weights W1(t), baseline solid and control dashed; (b) second-layer weights W2(t); \
        (c) first-layer gains G1(t); (d) second-layer gains G2(t). \(experiment == "task-switch"
            ? "Up to ten weights per layer, evenly spread over the matrix"
            : "The weights of each layer that change most in the baseline run (largest |W(T) - W(0)|)"); each colour \
        is one weight, matching between weight and gain panels. With control a few weights grow while the rest stay \
        nearer zero.
        """
    }

    func runs(_ c: PlanContext) -> [RunRequest] { [source.first(c)] }

    func parameterNotes(_ c: PlanContext) -> [String] { [source.note(c) + "; only seed 0 is shown"] }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let run = try inputs.run(runs(inputs.context)[0])
        let fig = Style.figure(rows: 2, cols: 2, title: "Figure \(number): " + title)
        for (k, layer) in ["1", "2"].enumerated() {
            let weights = fig[0, k], gains = fig[1, k]
            let traced = run.columns(prefix: "w\(layer)_", suffix: "_baseline").map { String($0.name.dropLast("_baseline".count)) }
            guard !traced.isEmpty else {
                throw WorkbenchError("run \(run.request) has no traced w\(layer)_* columns; set traced > 0")
            }
            for (j, name) in traced.enumerated() {
                let color = Color.C(j)
                weights.line(try run.column(name + "_baseline"), color: color, width: 1.5)
                weights.line(try run.column(name + "_control"), color: color, width: 1.5, style: .dashed)
                let gain = "g" + name.dropFirst()
                gains.line(try run.column(gain + "_control"), color: color, width: 1.5)
            }
            weights.xLabel = Style.taskTime
            weights.yLabel = "W_{\(layer)}(t)"
            weights.title = "solid: baseline, dashed: control"
            gains.xLabel = Style.taskTime
            gains.yLabel = "G_{\(layer)}(t)"
        }
        return fig
    }
}

/// Sizes in points shared by layout and drawing, derived from one base font size so a
/// figure can be scaled for a slide or a paper column by changing a single number.
struct LayoutMetrics {
    var base: Double

    var tickFont: Double { base * 0.9 }
    var labelFont: Double { base }
    var titleFont: Double { base * 1.1 }
    var suptitleFont: Double { base * 1.3 }
    var letterFont: Double { base * 1.2 }
    var legendFont: Double { base * 0.85 }
    var annotationFont: Double { base * 0.8 }

    let tickLength = 3.5
    let minorTickLength = 2.0
    let tickWidth = 0.8
    let minorTickWidth = 0.6
    let spineWidth = 0.8
    let tickPad = 3.0
    let labelPad = 4.0
    let outerPad = 5.0
    let colorbarGap = 8.0
    let colorbarWidth = 10.0
    let gridColor = Color(0.69, 0.69, 0.69, alpha: 0.6)
}

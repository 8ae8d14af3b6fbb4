import XCTest
import Render

final class PanelLetterTests: XCTestCase {
    /// A caption that runs its letters down the columns (Fig. 8) or skips one (Fig. 4): a panel's own
    /// letter names its data CSV columns, so the CSV uses the letters the PNG shows.
    func testAPanelsOwnLetterNamesItsDataColumns() throws {
        let fig = Figure(rows: 2, cols: 2)
        for (k, ax) in fig.panels.enumerated() { ax.line([0, 1], [Double(k), 1], label: "v") }
        fig[0, 1].letter = "c"
        fig[1, 0].letter = "b"
        let table = try CSVTable(text: fig.dataCSV())
        XCTAssertEqual(table.header, ["a_v_x", "a_v_y", "c_v_x", "c_v_y", "b_v_x", "b_v_y", "d_v_x", "d_v_y"])
    }
}

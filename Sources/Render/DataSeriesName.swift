/// The name a drawn series' columns take in the figure's data CSV, before the coordinate
/// (`_x`, `_y`, `_lower`, ...): the panel's letter and the series' label made safe. Figures
/// declare the lines their claims read by it, so a relabeled line cannot silently miss its claim.
public func dataSeriesName(panel: String, label: String) -> String { "\(panel)_\(CSV.slug(label))" }

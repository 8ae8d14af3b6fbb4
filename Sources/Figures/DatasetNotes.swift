/// Departures from the printed method that concern a dataset, stated once and quoted in the
/// caption of every figure that uses it.
enum DatasetNotes {
    /// Tables 4-5's captions append a constant 1 to every dataset's input; the authors' semantic
    /// code did not (reference notes), and a bias on one-hot items only adds a direction every item
    /// shares, so the figures follow the code.
    static let semanticWithoutBias = "Semantic inputs are the one-hot items without the bias input that the captions of "
        + "Tables 4-5 append to every dataset: we follow the authors' code, which has none."
}

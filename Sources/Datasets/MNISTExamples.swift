import WorkbenchKit

/// MNIST as the paper's network sees it: each image resized to 5 x 5 like skimage did,
/// flattened row-major, with a constant 1 appended as bias input (26 inputs).
public struct MNISTExamples: Sendable {
    public let side: Int
    /// side * side pixels + 1 bias.
    public let inputCount: Int
    public let count: Int
    /// count x inputCount, row-major.
    public let inputs: [Double]
    public let labels: [UInt8]
    public let split: MNISTSplit

    /// Downsamples the images whose label is in `digits` (all digits when nil), keeping file order.
    public init(images: MNISTImages, digits: Set<Int>? = nil, side: Int = 5) throws {
        guard side > 0 && side <= images.rows && side <= images.columns else {
            throw WorkbenchError("MNIST: resize side \(side) is out of range; expected 1...\(min(images.rows, images.columns))")
        }
        let resize = try AntiAliasedResize(inputRows: images.rows, inputColumns: images.columns,
                                           outputRows: side, outputColumns: side)
        let keep = (0..<images.count).filter { digits?.contains(Int(images.labels[$0])) ?? true }
        let width = side * side + 1, pixelsPerImage = images.rows * images.columns
        var inputs = [Double](repeating: 0, count: keep.count * width)
        var scratch = [Double](repeating: 0, count: images.rows * side)
        images.pixels.withUnsafeBufferPointer { pixels in
            inputs.withUnsafeMutableBufferPointer { out in
                scratch.withUnsafeMutableBufferPointer { s in
                    for (k, index) in keep.enumerated() {
                        let row = out.baseAddress! + k * width
                        resize.apply(pixels.baseAddress! + index * pixelsPerImage, into: row, scratch: s.baseAddress!)
                        row[width - 1] = 1
                    }
                }
            }
        }
        self.side = side
        inputCount = width
        count = keep.count
        self.inputs = inputs
        labels = keep.map { images.labels[$0] }
        split = images.split
    }

    /// Already-resized rows (`inputs`: count x (side * side + 1), bias last).
    init(side: Int, inputs: [Double], labels: [UInt8], split: MNISTSplit) {
        self.side = side
        inputCount = side * side + 1
        count = labels.count
        self.inputs = inputs
        self.labels = labels
        self.split = split
    }
}

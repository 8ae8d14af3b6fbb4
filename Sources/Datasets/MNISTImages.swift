import WorkbenchKit

/// One MNIST split as stored: raw 8-bit images with their digit labels, checked for
/// consistency (same count, 28 x 28, labels 0-9) before any science touches them.
public struct MNISTImages: Sendable {
    public let split: MNISTSplit
    public let count: Int
    public let rows: Int
    public let columns: Int
    /// count x rows x columns bytes, row-major, 0 = background.
    public let pixels: [UInt8]
    public let labels: [UInt8]
    public let imageFile: String
    public let labelFile: String

    public static let side = 28

    public init(directory: String, split: MNISTSplit) throws {
        let imagePath = try MNISTFiles.locate(directory: directory, split: split, kind: .images)
        let labelPath = try MNISTFiles.locate(directory: directory, split: split, kind: .labels)
        let images = try IDX.readImages(path: imagePath)
        let labels = try IDX.readLabels(path: labelPath)
        try self.init(split: split, images: images, labels: labels, imageFile: imagePath, labelFile: labelPath)
    }

    /// Validates already-decoded IDX contents (also lets tests build tiny in-memory sets).
    public init(split: MNISTSplit, images: IDX.Images, labels: [UInt8], imageFile: String, labelFile: String) throws {
        guard images.rows == Self.side && images.columns == Self.side else {
            throw WorkbenchError("\(imageFile): images are \(images.rows) x \(images.columns) (header bytes 8-15); expected \(Self.side) x \(Self.side) MNIST images")
        }
        guard images.count == labels.count else {
            throw WorkbenchError("\(imageFile) holds \(images.count) images but \(labelFile) holds \(labels.count) labels; expected the same count")
        }
        // Label i sits at byte 8 + i of the label file.
        if let bad = labels.firstIndex(where: { $0 > 9 }) {
            throw WorkbenchError("\(labelFile): label \(labels[bad]) at byte offset \(8 + bad); expected a digit 0-9")
        }
        self.split = split
        count = images.count; rows = images.rows; columns = images.columns
        pixels = images.pixels
        self.labels = labels
        self.imageFile = imageFile; self.labelFile = labelFile
    }

    /// How many images carry each digit 0-9.
    public var digitCounts: [Int] {
        var counts = [Int](repeating: 0, count: 10)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }
}

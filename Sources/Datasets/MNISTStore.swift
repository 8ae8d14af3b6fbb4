import Foundation
import WorkbenchKit

/// One split read, downsampled and summarized once per process: every experiment of a
/// `figures` call asks for the same 60,000 training images, and decoding and resizing them is
/// the costly part of preparing a run. Held per (directory, split); the values are immutable
/// and deterministic in their key, so sharing them changes no result.
public final class MNISTStore: @unchecked Sendable {
    /// A split as the paper's network sees it: every image at 5 x 5 + bias, and the per-digit
    /// moments the statistics of any digit tuple are sums of.
    public struct Split: Sendable {
        public let examples: MNISTExamples
        public let moments: DigitMoments
        public let imageFile: String
    }

    /// The process's store (the cache is the only state it keeps).
    public static let shared = MNISTStore()

    private let lock = NSLock()
    private var splits: [String: Split] = [:]

    public init() {}

    /// The split, read on first use; concurrent callers wait for the first read rather than
    /// repeating it.
    public func split(directory: String, _ split: MNISTSplit) throws -> Split {
        let key = URL(fileURLWithPath: directory).standardizedFileURL.path + "\u{0}" + split.rawValue
        lock.lock()
        defer { lock.unlock() }
        if let cached = splits[key] { return cached }
        let images = try MNISTImages(directory: directory, split: split)
        let examples = try MNISTExamples(images: images)
        let loaded = Split(examples: examples, moments: DigitMoments(examples: examples), imageFile: images.imageFile)
        splits[key] = loaded
        return loaded
    }
}

extension MNISTExamples {
    /// The examples whose label is in `digits`, in file order: the same rows the resize of only
    /// those images gives, since each image is resized on its own.
    public func subset(digits: Set<Int>) -> MNISTExamples {
        let keep = (0..<count).filter { digits.contains(Int(labels[$0])) }
        var rows = [Double](repeating: 0, count: keep.count * inputCount)
        inputs.withUnsafeBufferPointer { source in
            rows.withUnsafeMutableBufferPointer { target in
                for (k, index) in keep.enumerated() {
                    (target.baseAddress! + k * inputCount).update(from: source.baseAddress! + index * inputCount, count: inputCount)
                }
            }
        }
        return MNISTExamples(side: side, inputs: rows, labels: keep.map { labels[$0] }, split: split)
    }
}

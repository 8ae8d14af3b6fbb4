import Foundation
import WorkbenchKit

/// MNIST digit-subset tasks as in the authors' code: 5 x 5 + bias inputs, one-hot targets in the
/// order of the digit tuple ((7, 1) puts 7 in column 0), exact moments over every image of those
/// digits in the chosen split, and SGD batches drawn uniformly from the same examples.
public enum MNIST {
    /// Loads one split from `directory` (raw or .gz IDX files), read once per process (see
    /// `MNISTStore`). `heldOut`, when given, fills `Dataset.test` with the same task's
    /// statistics on that split.
    public static func load(directory: String, split: MNISTSplit, digits: [Int],
                            heldOut: MNISTSplit? = nil, store: MNISTStore = .shared) throws -> Dataset {
        try validate(digits: digits)
        let data = try store.split(directory: directory, split)
        let other = try heldOut.map { try store.split(directory: directory, $0) }
        return try dataset(data.examples.subset(digits: Set(digits)), moments: data.moments, digits: digits,
                           heldOut: other?.moments)
    }

    /// Builds the task from images already in memory.
    public static func dataset(images: MNISTImages, digits: [Int], heldOut: MNISTImages? = nil) throws -> Dataset {
        try validate(digits: digits)
        let examples = try MNISTExamples(images: images, digits: Set(digits))
        let test = try heldOut.map { try DigitMoments(examples: MNISTExamples(images: $0, digits: Set(digits))) }
        return try dataset(examples, moments: DigitMoments(examples: examples), digits: digits, heldOut: test)
    }

    /// The task from its examples (only the listed digits) and per-digit moments (any superset).
    static func dataset(_ examples: MNISTExamples, moments: DigitMoments, digits: [Int],
                        heldOut: DigitMoments?) throws -> Dataset {
        let train = try moments.statistics(digits: digits)
        let test = try heldOut.map { try $0.statistics(digits: digits) }
        let column = Dictionary(uniqueKeysWithValues: digits.enumerated().map { ($1, $0) })
        let sampler = try OneHotTableSampler(inputCount: examples.inputCount, outputCount: digits.count,
                                             inputs: examples.inputs,
                                             classes: examples.labels.map { column[Int($0)]! })
        let classStatistics = try digits.indices.map { try moments.classStatistics(digits: digits, column: $0) }
        return Dataset(name: "mnist(" + digits.map(String.init).joined(separator: ",") + ")",
                       train: train, test: test, sampler: sampler,
                       classNames: digits.map(String.init), classStatistics: classStatistics,
                       classProbabilities: digits.map { Double(moments.counts[$0]) / Double(train.sampleCount!) })
    }

    /// Digits must be distinct values 0-9; order matters (it is the output column order).
    public static func validate(digits: [Int]) throws {
        guard !digits.isEmpty else {
            throw WorkbenchError("MNIST digits: empty list; expected one or more distinct digits 0-9, e.g. 1,3")
        }
        if let bad = digits.first(where: { !(0...9).contains($0) }) {
            throw WorkbenchError("MNIST digits: \(bad) is not a digit; expected distinct digits 0-9, e.g. 1,3")
        }
        guard Set(digits).count == digits.count else {
            throw WorkbenchError("MNIST digits: \(digits.map(String.init).joined(separator: ",")) repeats a digit; expected distinct digits 0-9")
        }
    }

    /// Parses "7,1" (the CLI's --digits) into [7, 1].
    public static func parseDigits(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let digits = try parts.map { part -> Int in
            guard let d = Int(part) else {
                throw WorkbenchError("MNIST digits: '\(part)' in '\(text)' is not a number; expected a comma-separated list like 7,1")
            }
            return d
        }
        try validate(digits: digits)
        return digits
    }
}

extension MNIST {
    /// Several digit tuples from one split, reading the files once (e.g. MNIST-3:
    /// [[0, 1], [7, 1], [8, 9]]). Combine with `Dataset.concatenating` and `TaskConcatenation`.
    public static func loadTasks(directory: String, split: MNISTSplit, tasks: [[Int]],
                                 heldOut: MNISTSplit? = nil, store: MNISTStore = .shared) throws -> [Dataset] {
        guard !tasks.isEmpty else {
            throw WorkbenchError("MNIST tasks: no digit tuples given; expected e.g. 0,1 7,1 8,9")
        }
        try tasks.forEach(validate(digits:))
        return try tasks.map { try load(directory: directory, split: split, digits: $0, heldOut: heldOut, store: store) }
    }
}

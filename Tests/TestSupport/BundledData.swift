import Datasets

/// The MNIST folder every test reads: the copy bundled with the project, found and checked by
/// the same code the CLI uses. A test that cannot find it fails; it never skips.
public func bundledMNISTDirectory() throws -> String {
    try BundledMNIST.directory()
}

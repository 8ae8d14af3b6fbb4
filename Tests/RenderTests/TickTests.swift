import XCTest
@testable import Render

final class TickTests: XCTestCase {
    func testLinearTicksUseOneTwoFiveSteps() {
        XCTAssertEqual(TickLocator.linear(lower: 0, upper: 1, maxTicks: 6), [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        XCTAssertEqual(TickLocator.linear(lower: 0, upper: 10, maxTicks: 6), [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(TickLocator.linear(lower: -3, upper: 7, maxTicks: 4), [0, 5])
        XCTAssertEqual(TickLocator.linear(lower: -0.07, upper: 1.31, maxTicks: 8), [0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2])
        XCTAssertEqual(TickLocator.linear(lower: 0, upper: 1000, maxTicks: 3), [0, 500, 1000])
    }

    func testLinearTicksStayInsideRangeAndRespectMaximum() {
        for (lo, hi) in [(0.0013, 0.0021), (-250.0, 13.0), (3.3, 3.30001), (1e6, 7.5e6)] {
            for n in 2...10 {
                let ticks = TickLocator.linear(lower: lo, upper: hi, maxTicks: n)
                XCTAssertLessThanOrEqual(ticks.count, n, "\(lo)...\(hi) max \(n)")
                XCTAssertTrue(ticks.allSatisfy { $0 >= lo - 1e-12 && $0 <= hi + 1e-12 }, "\(ticks) outside \(lo)...\(hi)")
                if ticks.count >= 2 {
                    let step = ticks[1] - ticks[0]
                    let mantissa = step / pow(10, floor(log10(step)))
                    XCTAssertTrue([1, 2, 5].contains { abs(mantissa - $0) < 1e-6 }, "step \(step) is not 1-2-5")
                }
            }
        }
    }

    func testIntegerOnlyTicksNeverFallBelowOne() {
        XCTAssertEqual(TickLocator.linear(lower: -0.5, upper: 2.5, maxTicks: 10, integerOnly: true), [0, 1, 2])
    }

    func testLogTicksAreDecadesWithMinorTwoToNine() {
        let set = TickLocator.log(lower: 1e-4, upper: 1, maxTicks: 10)
        XCTAssertEqual(set.major, [1e-4, 1e-3, 1e-2, 1e-1, 1])
        XCTAssertEqual(set.minor.count, 8 * 4)
        XCTAssertTrue(set.minor.contains { abs($0 - 2e-4) < 1e-18 })
    }

    func testLogTicksThinCrowdedDecadesOnMultiplesOfTheStride() {
        let set = TickLocator.log(lower: 1e-12, upper: 1e12, maxTicks: 5)
        XCTAssertLessThanOrEqual(set.major.count, 5)
        let exponents = set.major.map { Int(log10($0).rounded()) }
        let stride = exponents[1] - exponents[0]
        XCTAssertTrue(exponents.allSatisfy { $0 % stride == 0 }, "\(exponents)")
    }

    func testNarrowLogRangeFallsBackToOneTwoFive() {
        XCTAssertEqual(TickLocator.log(lower: 1, upper: 8, maxTicks: 10).major, [1, 2, 5])
    }

    func testLabelsAreExactShortAndUseTheMinusSign() {
        XCTAssertEqual(TickFormatter.linear([0, 0.1 * 3, 0.6]).labels, ["0.0", "0.3", "0.6"])
        XCTAssertEqual(TickFormatter.linear([-1, 0, 1]).labels, ["\u{2212}1", "0", "1"])
        XCTAssertEqual(TickFormatter.linear([0, 0.25, 0.5]).labels, ["0.00", "0.25", "0.50"])
        let big = TickFormatter.linear([0, 20000, 40000])
        XCTAssertEqual(big.labels, ["0", "2", "4"])
        XCTAssertEqual(big.multiplier, 4)
        XCTAssertEqual(TickFormatter.log([1e-2, 1, 1e3]), ["10^{\u{2212}2}", "10^{0}", "10^{3}"])
        XCTAssertEqual(TickFormatter.log([2, 50]), ["2", "50"])
    }

    func testCrowdedAxisDropsTicksUntilLabelsDoNotTouch() {
        // A 60-point x axis cannot hold ten 20-point-wide labels; fewer ticks must result.
        let ticks = AxisTicks.make(range: 0...1000, scale: .linear, length: 60, manual: nil, manualLabels: nil,
                                   integerOnly: false, horizontal: true, extent: { _ in 20 }, gap: 4, fontSize: 1)
        XCTAssertLessThanOrEqual(ticks.major.count, 3)
        XCTAssertGreaterThanOrEqual(ticks.major.count, 2)
    }

    func testCrowdedManualLabelsAreThinnedNotOverlapped() {
        let labels = (0..<20).map { "label\($0)" }
        let ticks = AxisTicks.make(range: -0.5...19.5, scale: .linear, length: 200, manual: (0..<20).map(Double.init),
                                   manualLabels: labels, integerOnly: true, horizontal: true,
                                   extent: { _ in 30 }, gap: 4, fontSize: 9)
        XCTAssertEqual(ticks.major.count, 20)
        let shown = ticks.labels.filter { !$0.isEmpty }.count
        XCTAssertLessThanOrEqual(shown, 200 / 34 + 1)
        XCTAssertGreaterThan(shown, 1)
    }
}

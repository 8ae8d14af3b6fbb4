import XCTest
@testable import WorkbenchKit

/// Typed keys: a read returns the declared type, and a key's default and preset text are what the
/// string declarations used to say.
final class TypedParameterTests: XCTestCase {
    let e = RelaxationExperiment()

    func testTypedReadsReturnTheDeclaredTypes() throws {
        let p = try e.resolve(preset: "quick", overrides: [("optimizer", "adam"), ("learning_rate", "0.25"), ("steps", "12")])
        let steps: Int = p[.steps]
        let rate: Double = p[.learningRate]
        let optimizer: OptimizerKind = p[.optimizer]
        XCTAssertEqual(steps, 12)
        XCTAssertEqual(rate, 0.25)
        XCTAssertEqual(optimizer, .adam)
        XCTAssertEqual(p[.iterations], 20, "the quick preset's setting")
        XCTAssertEqual(p[.gamma], 0.99, "the standard default")
        XCTAssertEqual(p.declared(.hidden), nil, "a key this experiment does not declare")
        XCTAssertEqual(p.declared(.upper), 5)
    }

    func testListAndChoiceKeysRoundTripThroughTheirText() throws {
        let digits = Parameter<[Int]>("digits", "digits")
        let means = Parameter<[Double]>("means", "means")
        let spec = digits.spec(default: [1, 3])
        XCTAssertEqual(spec.defaultValue, "1,3")
        XCTAssertEqual(spec.kind, .integerList)
        XCTAssertEqual([Int](parameterValue: try spec.validate(spec.defaultValue, experiment: "t")), [1, 3])
        let real = means.spec(default: [3, 1, 0.8, -2, 1e-4])
        XCTAssertEqual(real.defaultValue, "3,1,0.8,-2,0.0001")
        XCTAssertEqual([Double](parameterValue: try real.validate(real.defaultValue, experiment: "t")), [3, 1, 0.8, -2, 1e-4])
        XCTAssertEqual(Parameter<OptimizerKind>.optimizer.kind, .choice(OptimizerKind.allCases.map(\.rawValue)))
        // A value of another type is not read as this one.
        XCTAssertNil(Int(parameterValue: .real(3)))
        XCTAssertNil(Double(parameterValue: .integer(3)))
        XCTAssertNil(OptimizerKind(parameterValue: .text("newton")))
    }

    func testSpecsKeepTheirOldTextAndRanges() {
        let steps = ParameterSpec.of(.steps, default: 600)
        XCTAssertEqual(steps.name, "steps")
        XCTAssertEqual(steps.defaultValue, "600")
        XCTAssertEqual(steps.expectation, "an integer in [1, 10000000]")
        let rate = ParameterSpec.of(.learningRate, default: 0.005)
        XCTAssertEqual(rate.defaultValue, "0.005")
        XCTAssertEqual(rate.expectation, "a finite number in [1e-12, 10]")
        XCTAssertEqual(ParameterSpec.of(.lower, default: -0.5).expectation, "a finite number")
        let hidden = ParameterSpec.of(.hidden, default: 0, help: "hidden units H (0 = Table 5)", range: 0...10_000)
        XCTAssertEqual(hidden.help, "hidden units H (0 = Table 5)")
        XCTAssertEqual(hidden.kind, .integer(0...10_000))
        XCTAssertEqual(ParameterSpec.of(.hidden, default: 40).help, Parameter<Int>.hidden.help)
    }

    func testPresetSettingsAreWrittenAsTheCommandLineWouldBe() {
        XCTAssertEqual(PresetSetting.set(.steps, 2000), PresetSetting(name: "steps", text: "2000"))
        XCTAssertEqual(PresetSetting.set(.controlRate, 5).text, "5")
        XCTAssertEqual(PresetSetting.set(.learningRate, 0.04).text, "0.04")
        XCTAssertEqual(PresetSetting.set(.optimizer, .adam).text, "adam")
        let presets = Presets(quick: [.set(.steps, 10), .set(.iterations, 3)])
            .adding([.set(.iterations, 4), .set(.optimizer, .adam)], to: .quick)
        XCTAssertEqual(presets.values(.quick), ["steps": "10", "iterations": "4", "optimizer": "adam"])
        XCTAssertEqual(presets.quick.count, 3)
        XCTAssertEqual(presets.values(.paper), [:])
    }

    func testPresetsResolveByNameOrType() throws {
        XCTAssertEqual(try e.resolve(.quick, overrides: []).values, try e.resolve(preset: "quick", overrides: []).values)
        XCTAssertThrowsError(try e.resolve(preset: "huge", overrides: [])) { error in
            XCTAssertEqual((error as? WorkbenchError)?.message, "relaxation: unknown preset 'huge': expected one of paper|quick")
        }
    }
}

import Foundation
import Testing
import WasmFormat

/// Load-time benchmark: decodes and validates each module named in `LOUPE_VALIDATOR_BENCH`
/// (colon-separated paths) a few times and prints the best times, with instruction decoding
/// alone measured separately. Run it in release mode:
/// `LOUPE_VALIDATOR_BENCH=big.wasm swift test -c release --filter ValidatorBenchmark`.
@Suite struct ValidatorBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LOUPE_VALIDATOR_BENCH"] != nil))
    func validatorBenchmark() throws {
        let paths = (ProcessInfo.processInfo.environment["LOUPE_VALIDATOR_BENCH"] ?? "").split(separator: ":")
        for path in paths {
            guard let data = FileManager.default.contents(atPath: String(path)) else { continue }
            let bytes = [UInt8](data)
            let clock = ContinuousClock()
            var best = (decode: Duration.seconds(1000), read: Duration.seconds(1000), validate: Duration.seconds(1000))
            var instructions = 0
            var onlyValidate = Duration.seconds(1000)
            for _ in 0..<5 {
                var module = Module()
                let d = try clock.measure { module = try ModuleDecoder().decode(bytes) }
                instructions = 0
                let r = try clock.measure {
                    for body in module.codes {
                        var reader = InstructionReader(code: body.code, baseOffset: body.codeOffset)
                        while !reader.isAtEnd {
                            _ = try reader.read()
                            instructions += 1
                        }
                    }
                }
                let v = try clock.measure { _ = try ModuleValidator().validate(module) }
                // Validation alone, over instructions decoded beforehand.
                let validated = try ModuleValidator().validateDeclarations(module)
                let decoded = try module.codes.map { try $0.instructions() }
                let o = try clock.measure {
                    var fv = try validated.makeFunctionValidator(definedFunction: 0)
                    for (i, body) in decoded.enumerated() {
                        try fv.reset(definedFunction: i)
                        for (offset, instruction) in body { try fv.validate(instruction, at: offset) }
                        try fv.finish(at: 0)
                    }
                }
                best = (min(best.decode, d), min(best.read, r), min(best.validate, v))
                onlyValidate = min(onlyValidate, o)
            }
            print("\(path): \(bytes.count) bytes, \(instructions) instructions; decode \(best.decode), read instructions \(best.read), validate (reading included) \(best.validate), validate only \(onlyValidate)")
        }
    }
}

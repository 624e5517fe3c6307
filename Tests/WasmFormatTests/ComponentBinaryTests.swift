import Foundation
import LoupeTestSupport
import Testing
import WasmFormat

/// The component binary layer: real components and the suites' component binaries decode,
/// encode back to the same tree (and, when they were canonically encoded, to the same
/// bytes), and malformed binaries are refused with the reference's wording.
@Suite struct ComponentBinaryTests {
    /// What decoding and re-encoding one binary gave.
    enum RoundTrip: Equatable {
        case identical
        /// The same tree from different bytes (LEB128 spellings, say).
        case sameTree
        case failed(String)
    }

    static func roundTrip(_ bytes: [UInt8]) -> RoundTrip {
        let first: Component
        do { first = try ComponentDecoder().decode(bytes) } catch { return .failed("does not decode: \(error)") }
        let encoded = ComponentEncoder().encode(first)
        if encoded == bytes { return .identical }
        let second: Component
        do { second = try ComponentDecoder().decode(encoded) } catch { return .failed("its encoding does not decode: \(error)") }
        if let d = TreeDifference.between(first, second) { return .failed("trees differ at \(d)") }
        return .sameTree
    }

    static let sharedComponents: [URL] = TestEnvironment.shared.map { shared in
        TestEnvironment.files(under: shared.appendingPathComponent("components"), suffix: "wasm").filter {
            TestEnvironment.bytes(of: $0).map { Binary.isComponent($0[...]) } ?? false
        }
    } ?? []

    @Test(.enabled(if: !sharedComponents.isEmpty, "no ../shared/components (set LOUPE_SHARED)"))
    func sharedComponentsRoundTrip() throws {
        var identical = 0
        for url in Self.sharedComponents {
            let bytes = try #require(TestEnvironment.bytes(of: url))
            let result = Self.roundTrip(bytes)
            if case .failed(let why) = result { Issue.record("\(url.lastPathComponent): \(why)") }
            if result == .identical { identical += 1 }
        }
        print("components: \(Self.sharedComponents.count) decoded, \(identical) re-encoded byte for byte")
        #expect(Self.sharedComponents.count >= 10)
    }

    @Test(.enabled(if: ComponentSuiteBinaries.loaded != nil, .init(rawValue: ComponentSuiteBinaries.unavailable)))
    func suiteComponentsDecodeAndRoundTrip() throws {
        let suite = try #require(ComponentSuiteBinaries.loaded)
        for s in suite.skippedScripts { print("component suites: skipped \(s)") }
        let tools = try #require(TestEnvironment.referenceTools)
        var decoded = 0, identical = 0, coreModules = 0
        var sharedCoreTypes: [String] = [], refusedLikeReference: [String] = [], reencodedDifferently: [String] = []
        for b in suite.binaries where b.directive != "assert_malformed" {
            guard Binary.isComponent(b.bytes[...]) else {
                coreModules += 1
                continue
            }
            switch Self.roundTrip(b.bytes) {
            case .identical: decoded += 1; identical += 1
            case .sameTree:
                decoded += 1
                reencodedDifferently.append(b.place)
            case .failed(let why) where why.contains("0x65"):
                // 0x65 prefixes the `shared` core types of shared-everything-threads,
                // which the core decoder does not read (yet).
                sharedCoreTypes.append(b.place)
            case .failed(let why):
                // A binary wasm-tools refuses too, in the same words, is no failure of ours.
                if let reference = Self.referenceMessage(b.bytes, tools: tools), why.contains(reference) {
                    refusedLikeReference.append(b.place)
                } else {
                    Issue.record("\(b.place) (\(b.directive)): \(why)")
                }
            }
        }
        print("component suites: \(suite.scriptCount) scripts (\(suite.skippedScripts.count) not convertible by wasm-tools), "
              + "\(decoded) components decoded and round-tripped, \(identical) byte for byte "
              + "(the same tree from other bytes: \(reencodedDifferently.joined(separator: ", "))); "
              + "\(sharedCoreTypes.count) not decoded for their shared core types (\(sharedCoreTypes.joined(separator: ", "))); "
              + "\(refusedLikeReference.count) refused as wasm-tools 1.262 refuses them (\(refusedLikeReference.joined(separator: ", "))); "
              + "\(coreModules) core modules left to the core tests")
        #expect(decoded > 1000)
        #expect(sharedCoreTypes.count <= 2)
    }

    /// The error decoding gives: a component's, or a core module's when the preamble
    /// says so (the suites hold both).
    static func decodingError(_ bytes: [UInt8]) -> WasmError? {
        let core: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        do {
            if bytes.starts(with: core) { _ = try ModuleDecoder().decode(bytes) } else { _ = try ComponentDecoder().decode(bytes) }
            return nil
        } catch {
            return error
        }
    }

    /// What `wasm-tools validate` says of a binary, without its "(at offset …)".
    static func referenceMessage(_ bytes: [UInt8], tools: URL) -> String? {
        reference(bytes, tools: tools)?.message
    }

    /// What `wasm-tools validate` says of a binary, and the offset it gives.
    static func reference(_ bytes: [UInt8], tools: URL) -> (message: String, offset: Int?)? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-component-\(UUID().uuidString).wasm")
        defer { try? FileManager.default.removeItem(at: file) }
        guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes)) else { return nil }
        let r = TestEnvironment.run(tools.appendingPathComponent("wasm-tools"), ["validate", "--features", "all", file.path])
        guard let line = r.stderr.split(separator: "\n").first(where: { $0.hasPrefix("error: ") }) else { return nil }
        var message = String(line.dropFirst("error: ".count))
        var offset: Int?
        if let at = message.range(of: " (at offset 0x") {
            offset = Int(message[at.upperBound...].prefix { $0.isHexDigit }, radix: 16)
            message = String(message[..<at.lowerBound])
        }
        return (message, offset)
    }

    @Test(.enabled(if: ComponentSuiteBinaries.loaded != nil, .init(rawValue: ComponentSuiteBinaries.unavailable)))
    func malformedSuiteBinariesAreRefused() throws {
        let suite = try #require(ComponentSuiteBinaries.loaded)
        let tools = try #require(TestEnvironment.referenceTools)
        var refused = 0, inScriptWords = 0, inReferenceWords = 0, total = 0, sameOffset = 0
        var offsetDifferences: [String] = []
        for b in suite.binaries where b.directive == "assert_malformed" {
            total += 1
            guard let error = Self.decodingError(b.bytes) else {
                Issue.record("\(b.place): decoded, but the script expects \"\(b.expected)\"")
                continue
            }
            refused += 1
            if let at = Self.reference(b.bytes, tools: tools)?.offset {
                if at == error.offset { sameOffset += 1 } else { offsetDifferences.append("\(b.place): \(error.offset) vs \(at) (\(error.message))") }
            }
            if b.expected.isEmpty || error.message.contains(b.expected) {
                inScriptWords += 1
                continue
            }
            // Where wasm-tools 1.262 words it unlike the script (the binary format moved
            // on), the decoder follows wasm-tools.
            if let reference = Self.referenceMessage(b.bytes, tools: tools), !reference.contains(b.expected),
               error.message.contains(reference) {
                inReferenceWords += 1
            } else {
                Issue.record("\(b.place): refused with \"\(error.message)\", the script expects \"\(b.expected)\"")
            }
        }
        print("component suites: \(refused) of \(total) malformed binaries refused, \(inScriptWords) in the script's words, "
              + "\(inReferenceWords) in wasm-tools 1.262's where it departs from the script; "
              + "\(sameOffset) at wasm-tools' offset, others: \(offsetDifferences.joined(separator: "; "))")
        #expect(total >= 70)
    }
}

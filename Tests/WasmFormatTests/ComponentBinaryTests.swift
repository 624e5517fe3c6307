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
}

import Testing
import WasmFormat

/// The decoder's own rules beyond the suites: hostile shapes end in errors with offsets,
/// and the forms where it follows wasm-tools 1.262 rather than `Binary.md`.
@Suite struct ComponentDecoderTests {
    static let preamble = ComponentDecoder.preamble

    /// A section: id, LEB128 size, contents.
    static func section(_ id: UInt8, _ contents: [UInt8]) -> [UInt8] {
        var w = ByteWriter()
        w.byte(id)
        w.u32(UInt32(contents.count))
        w.append(contentsOf: contents)
        return w.bytes
    }

    static func error(_ bytes: [UInt8]) -> WasmError? {
        do {
            _ = try ComponentDecoder().decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func nestedComponentsAreBoundedInDepth() throws {
        func nested(_ depth: Int) -> [UInt8] {
            var bytes = Self.preamble
            for _ in 0..<depth { bytes = Self.preamble + Self.section(4, bytes) }
            return bytes
        }
        _ = try ComponentDecoder().decode(nested(ComponentDecoder.maximumNesting))
        let e = try #require(Self.error(nested(ComponentDecoder.maximumNesting + 1)))
        #expect(e.kind == .malformed)
        #expect(e.message.contains("nesting too deep"))
    }

    @Test func deeplyNestedInstanceTypesEndInAnError() throws {
        // (type (instance (type (instance (type (instance …)))))), 100,000 levels deep.
        let depth = 100_000
        var contents: [UInt8] = [0x01]
        for _ in 0..<depth { contents += [0x42, 0x01, 0x01] }
        let e = try #require(Self.error(Self.preamble + Self.section(7, contents)))
        #expect(e.message.contains("nesting too deep"))
        // Preamble, section id, a three-byte size, the count, then three bytes a level.
        #expect(e.offset == 8 + 1 + 3 + 1 + 3 * ComponentDecoder.maximumNesting)
    }

    @Test func hugeCountsAreRefusedBeforeAllocating() throws {
        // A type section claiming 2^32-1 types in four bytes.
        let e = try #require(Self.error(Self.preamble + Self.section(7, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])))
        #expect(e.message.contains("unexpected end-of-file"))
        #expect(e.offset == 10)
    }

    @Test func theValueSectionIsRefusedAsWasmToolsRefusesIt() throws {
        let e = try #require(Self.error(Self.preamble + Self.section(12, [0x01, 0x79, 0x01, 0x2A])))
        #expect(e.message.hasPrefix("malformed section id: 12"))
        #expect(e.offset == 8)
    }

    @Test func cancelFlagsAreReadAndBadOnesRefused() throws {
        let wait = Self.preamble + Self.section(8, [0x02, 0x20, 0x00, 0x03, 0x0C, 0x01])
        let c = try ComponentDecoder().decode(wait)
        guard case .canons(let canons) = c.sections.first else {
            Issue.record("no canon section")
            return
        }
        #expect(canons.map(\.kind) == [.waitableSetWait(cancellable: false, memory: 3), .threadYield(cancellable: true)])
        #expect(ComponentEncoder().encode(c) == wait)
        let e = try #require(Self.error(Self.preamble + Self.section(8, [0x01, 0x20, 0x02, 0x03])))
        #expect(e.message.hasPrefix("invalid boolean value: 0x2"))
        #expect(e.offset == 12)
    }

    @Test func sortsDependOnWhereTheyAre() throws {
        // A core function may be aliased from a core instance, not from a component one,
        // and only a core module crosses into exports.
        let coreExport = Self.preamble + Self.section(6, [0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x61])
        _ = try ComponentDecoder().decode(coreExport)
        let instanceExport = Self.preamble + Self.section(6, [0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x61])
        #expect(Self.error(instanceExport)?.message == "invalid leading byte (0x0) for component external kind")
        let export = Self.preamble + Self.section(11, [0x01, 0x00, 0x01, 0x61, 0x00, 0x12, 0x00, 0x00])
        let e = try #require(Self.error(export))
        #expect(e.message == "invalid leading byte (0x12) for component external kind")
        #expect(e.offset == 15)
    }

    @Test func trailingBytesInASectionAreMalformed() throws {
        let e = try #require(Self.error(Self.preamble + Self.section(7, [0x01, 0x73, 0x73])))
        #expect(e.message.hasPrefix("section size mismatch: unexpected data at the end of the section"))
        #expect(e.offset == 12)
    }

    @Test func anInvalidNameSectionIsKeptButNotDecoded() throws {
        var w = ByteWriter()
        w.name("component-name")
        w.append(contentsOf: [0x01, 0x05, 0x00, 0x13])
        let c = try ComponentDecoder().decode(Self.preamble + Self.section(0, w.bytes))
        #expect(c.names == nil)
        #expect(c.sections.count == 1)
    }
}

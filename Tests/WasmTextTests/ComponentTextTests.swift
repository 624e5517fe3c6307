import Foundation
import LoupeTestSupport
import Testing
import WasmFormat
import WasmText

/// The component text format on small inputs: where implied definitions go, what gets
/// named, strict and legacy index syntax, errors with positions, and components in
/// scripts.
@Suite struct ComponentTextTests {
    func sections(_ text: String, legacy: Bool = false) throws -> [ComponentSection] {
        try ComponentWAT.parse(text, file: "test.wat", legacyIndices: legacy).component.sections
    }

    @Test func inlineExportAliasComesBeforeItsUserAndExportsGoLast() throws {
        let s = try sections("""
            (component
              (core module $m (func (export "f")))
              (core instance $i (instantiate $m))
              (func (export "g") (canon lift (core func $i "f")))
              (type $t u8))
            """)
        // module, core instance, type (hoisted), alias, canon, type $t, exports
        guard s.count == 7, case .types(let hoisted) = s[2], case .aliases(let aliases) = s[3],
              case .canons(let canons) = s[4], case .exports(let exports) = s[6] else {
            Issue.record("unexpected sections \(s)")
            return
        }
        #expect(hoisted.count == 1)
        #expect(aliases == [Alias(sort: .core(.function), target: .coreInstanceExport(instance: 0, name: "f"))])
        #expect(canons.first?.kind == .lift(coreFunction: 0, options: [], type: 0))
        #expect(exports.first?.item == ComponentSortIndex(sort: .function, index: 0))
    }

    @Test func outerNameBecomesOuterAlias() throws {
        let s = try sections("""
            (component
              (type $r (resource (rep i32)))
              (component (type (own $r))))
            """)
        guard case .component(let nested) = s[1], case .aliases(let a) = nested.component.sections.first else {
            Issue.record("no alias in \(s)")
            return
        }
        #expect(a == [Alias(sort: .type, target: .outer(count: 1, index: 0))])
    }

    @Test func componentNameSectionHasTheIdentifiers() throws {
        let c = try ComponentWAT.parse("(component $c (import \"f\" (func $f)) (type $t u32))").component
        #expect(c.names?.componentName == "c")
        #expect(c.names?.names[.function] == [0: "f"])
        // The hoisted function type is type 0, `$t` type 1.
        #expect(c.names?.names[.type] == [1: "t"])
    }

    @Test func bytesDecodeToTheSameTree() throws {
        let c = try ComponentWAT.parse("(component (import \"a\" (instance (export \"f\" (func (param \"x\" (list u8)))))))")
        let decoded = try ComponentDecoder().decode(c.bytes)
        #expect(ComponentEncoder().encode(decoded) == c.bytes)
    }

    /// The `strict-legacy-*.wat` files: refused in strict mode at the position the
    /// `.stderr` file gives, accepted in legacy mode.
    @Test(.enabled(if: TestEnvironment.testsuite != nil, "needs ../shared/testsuite"))
    func strictModeRefusesLegacySyntax() throws {
        let dir = try #require(TestEnvironment.testsuite).appendingPathComponent("wasm-tools-component")
        let files = TestEnvironment.files(under: dir, suffix: "wat").filter { $0.lastPathComponent.hasPrefix("strict-legacy-") }
        #expect(files.count == 4)
        for url in files {
            let bytes = try #require(TestEnvironment.bytes(of: url))
            let stderr = String(decoding: TestEnvironment.bytes(of: URL(fileURLWithPath: url.path + ".stderr")) ?? [], as: UTF8.self)
            let error = #expect(throws: TextError.self) { try ComponentWAT.parse(bytes: bytes, file: url.lastPathComponent) }
            // `--> path:LINE:COL` in the reference's message.
            let position = stderr.split(separator: "\n").first { $0.contains("-->") }.map { String($0.split(separator: ":").suffix(2).joined(separator: ":")) }
            #expect(position == "\(error?.location.line ?? 0):\(error?.location.column ?? 0)", "\(url.lastPathComponent): \(String(describing: error))")
            #expect(stderr.contains(error?.message ?? "-"), "\(url.lastPathComponent)")
            _ = try ComponentWAT.parse(bytes: bytes, file: url.lastPathComponent, legacyIndices: true)
        }
    }

    @Test func errorsCarryFileLineAndColumn() {
        let error = #expect(throws: TextError.self) {
            try ComponentWAT.parse("(component\n  (export \"x\" (func $nope)))", file: "x.wat")
        }
        #expect(error?.location.file == "x.wat")
        #expect(error?.location.line == 2)
        #expect(error?.location.column == 21)
        #expect(error?.message == "unknown func $nope")
    }

    @Test func outerReferenceToAFunctionIsRefused() {
        let error = #expect(throws: TextError.self) {
            try ComponentWAT.parse("(component (import \"x\" (func $x)) (component (export \"x\" (func $x))))")
        }
        #expect(error?.message.contains("is not a module, type, or component") == true)
    }

    @Test func scriptsHoldComponentsAndComponentValues() throws {
        let script = try WastScript.parse("""
            (component definition $C (import "f" (func)))
            (component instance $i $C)
            (component quote "(type u8)")
            (assert_return (invoke "f" (u32.const 7) (str.const "hi"))
              (record.const (field "n" u32.const 7) (field "l" list.const (u8.const 1))))
            (assert_invalid (component (export "x" (func 0))) "unknown")
            (module (func))
            """, file: "c.wast")
        #expect(script.directives.count == 6)
        guard case .module(let c) = script.directives[0].kind, c.isComponent, c.isDefinition, c.id == "C",
              case .componentInstance("i", "C") = script.directives[1].kind,
              case .module(let q) = script.directives[2].kind, q.isComponent, q.encoding == .quote,
              case .assertReturn(.invoke(nil, "f", let args), let expected) = script.directives[3].kind,
              case .assertInvalid(let invalid, _) = script.directives[4].kind, invalid.isComponent,
              case .module(let core) = script.directives[5].kind, !core.isComponent else {
            Issue.record("unexpected directives \(script.directives.map(\.kind))")
            return
        }
        #expect(args == [.component(.u32(7)), .component(.string("hi"))])
        #expect(expected == [.component(.record([.init(name: "n", value: .u32(7)), .init(name: "l", value: .list([.u8(1)]))]))])
        let assembled = try c.assembleComponent()
        #expect(assembled.bytes.starts(with: ComponentEncoder.preamble))
        #expect(try q.assembleComponent().component.sections.count == 1)
        // Invalid, not malformed: it assembles (the validator refuses it).
        #expect(try invalid.assembleComponent().bytes.count > ComponentEncoder.preamble.count)
    }
}

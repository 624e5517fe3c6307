import Testing
import WasmFormat

/// Rules of component validation on hand-built trees, and the shape of what validation
/// produces for the runtime.
@Suite struct ComponentValidationRuleTests {
    static func validate(_ sections: [ComponentSection]) throws(WasmError) -> ValidatedComponent {
        try ComponentValidator().validate(Component(sections: sections))
    }

    static func rejection(_ sections: [ComponentSection]) -> String? {
        do {
            _ = try validate(sections)
            return nil
        } catch {
            return error.message
        }
    }

    static let u32 = ComponentValTypeRef.primitive(.u32)
    static let string = ComponentValTypeRef.primitive(.string)

    static func function(_ params: [(String, ComponentValTypeRef)], _ result: ComponentValTypeRef?) -> ComponentTypeDefinition {
        .function(ComponentFunctionTypeSyntax(parameters: params.map { LabeledValType(label: $0.0, type: $0.1) }, result: result))
    }

    @Test func importsAndExportsKeepTheirTypes() throws {
        let v = try Self.validate([
            .types([.defined(.record([LabeledValType(label: "x", type: Self.u32)]))]),
            .imports([ComponentImport(name: ExternName("point"), type: .type(.equal(0)))]),
            .types([Self.function([("p", .index(1))], Self.string)]),
            .imports([ComponentImport(name: ExternName("show"), type: .function(type: 2))]),
            .exports([ComponentExport(name: ExternName("show-again"), item: ComponentSortIndex(sort: .function, index: 0))]),
        ])
        #expect(v.imports.map(\.name) == ["point", "show"])
        #expect(v.exports.map(\.name) == ["show-again"])
        guard case .function(let f) = v.exports[0].type, let type = v.types.function(f) else {
            Issue.record("export is not a function")
            return
        }
        #expect(type.parameters.map(\.name) == ["p"])
        #expect(type.result == .primitive(.string))
        guard case .defined(let p) = type.parameters[0].type, case .record(let fields) = v.types.valueType(p) else {
            Issue.record("parameter is not a record")
            return
        }
        #expect(fields.map(\.label) == ["x"])
        // The function index space has the import and the export's new index.
        #expect(v.functionTypes.count == 2)
        guard case .component(let c) = v.types[v.type] else {
            Issue.record("the component's type is not a component type")
            return
        }
        #expect(c.imports.count == 2 && c.exports.count == 1)
    }

    @Test func unnamedRecordCannotBeExported() {
        let message = Self.rejection([
            .types([.defined(.record([LabeledValType(label: "x", type: Self.u32)])), Self.function([("p", .index(0))], nil)]),
            .imports([ComponentImport(name: ExternName("f"), type: .function(type: 1))]),
        ])
        #expect(message == "func not valid to be used as import")
    }

    @Test func resourcesAreGenerativeAndDefinedResourcesAreReported() throws {
        let v = try Self.validate([
            .types([.resource(representation: .i32, destructor: nil), .resource(representation: .i32, destructor: nil)]),
        ])
        let r0 = try #require(v.types.resource(v.typeIndexSpace[0]))
        let r1 = try #require(v.types.resource(v.typeIndexSpace[1]))
        #expect(r0 != r1)
        #expect(v.types[r0].isDefined)
        // Defined resources are not valid inside a component type.
        let message = Self.rejection([.types([.component([.instance(.type(.resource(representation: .i32, destructor: nil)))])])])
        #expect(message == "resources can only be defined within a concrete component")
    }

    @Test func kebabCaseAndStrongUniqueness() {
        #expect(Self.rejection([.imports([ComponentImport(name: ExternName("aBc"), type: .type(.subResource))])])?
            .contains("`aBc` is not in kebab case") == true)
        let conflict = Self.rejection([.imports([
            ComponentImport(name: ExternName("foo-bar"), type: .type(.subResource)),
            ComponentImport(name: ExternName("FOO-BAR"), type: .type(.subResource)),
        ])])
        #expect(conflict == "import name `FOO-BAR` conflicts with previous name `foo-bar`")
        #expect(Self.rejection([.imports([ComponentImport(name: ExternName("wasi:http/types@0.2.0"), type: .type(.subResource))])]) == nil)
    }

    @Test func stringsNeedMemoryAndRealloc() {
        // (import "f" (func (param "s" string))) lowered without a memory.
        let message = Self.rejection([
            .types([Self.function([("s", Self.string)], nil)]),
            .imports([ComponentImport(name: ExternName("f"), type: .function(type: 0))]),
            .canons([Canon(kind: .lower(function: 0, options: []))]),
        ])
        #expect(message == "canonical option `memory` is required")
        let duplicate = Self.rejection([
            .types([Self.function([], nil)]),
            .imports([ComponentImport(name: ExternName("f"), type: .function(type: 0))]),
            .canons([Canon(kind: .lower(function: 0, options: [.utf8, .utf16]))]),
        ])
        #expect(duplicate == "canonical encoding option `utf8` conflicts with option `utf16`")
    }

    @Test func instantiationChecksArgumentsBySubtyping() {
        // A component importing `f: func() -> u32`, given a `func() -> string`.
        let inner = Component(sections: [
            .types([Self.function([], Self.u32)]),
            .imports([ComponentImport(name: ExternName("f"), type: .function(type: 0))]),
        ])
        let message = Self.rejection([
            .component(NestedComponent(component: inner, bytes: [], offset: 0)),
            .types([Self.function([], Self.string)]),
            .imports([ComponentImport(name: ExternName("g"), type: .function(type: 0))]),
            .instances([ComponentInstance(expression: .instantiate(component: 0, arguments: [
                ComponentInstantiateArgument(name: "f", item: ComponentSortIndex(sort: .function, index: 0)),
            ]))]),
        ])
        #expect(message == "type mismatch for import `f`: type mismatch with result type: expected primitive `u32` found primitive `string`")
        let missing = Self.rejection([
            .component(NestedComponent(component: inner, bytes: [], offset: 0)),
            .instances([ComponentInstance(expression: .instantiate(component: 0, arguments: []))]),
        ])
        #expect(missing == "missing import named `f`")
    }

    @Test func indexSpacesAreChecked() {
        #expect(Self.rejection([.exports([ComponentExport(name: ExternName("a"), item: ComponentSortIndex(sort: .function, index: 3))])])
            == "unknown function 3: function index out of bounds")
        #expect(Self.rejection([.aliases([Alias(sort: .type, target: .outer(count: 1, index: 0))])])
            == "invalid outer alias count of 1")
    }

    @Test func flagsAreLimitedTo32() {
        let names = (0..<33).map { "f\($0)" }
        #expect(Self.rejection([.types([.defined(.flags(names))])]) == "cannot have more than 32 flags")
        #expect(Self.rejection([.types([.defined(.flags(Array(names.prefix(32))))])]) == nil)
    }

    @Test func valuesMustBeUsedExactlyOnce() {
        let message = Self.rejection([.imports([ComponentImport(name: ExternName("v"), type: .value(.type(Self.u32)))])])
        #expect(message == "value index 0 was not used as part of an instantiation, start function, or export")
    }

    @Test func hostileTypeChainsDoNotExhaustTheStack() {
        // 100,000 nested single-field records: layouts are computed per type, not recursively.
        var types: [ComponentTypeDefinition] = [.defined(.record([LabeledValType(label: "a", type: Self.u32)]))]
        for i in 0..<100_000 {
            types.append(.defined(.record([LabeledValType(label: "a", type: .index(UInt32(i)))])))
        }
        #expect(Self.rejection([.types(types)]) == nil)
    }
}

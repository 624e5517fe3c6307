import Testing
import WasmFormat

/// Rules of component validation on hand-built trees, and the shape of what validation
/// produces for the runtime.
@Suite struct ComponentValidationRuleTests {
    static func validate(_ sections: [ComponentSection], features: ComponentFeatures = .default) throws(WasmError) -> ValidatedComponent {
        try ComponentValidator(features: features).validate(Component(sections: sections))
    }

    static func rejection(_ sections: [ComponentSection], features: ComponentFeatures = .default) -> String? {
        do {
            _ = try validate(sections, features: features)
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

    // MARK: Feature gates

    /// `(core module (memory (export "m") i64 1))`, instantiated, its memory aliased as
    /// core memory 0.
    static func memory64Sections() throws -> [ComponentSection] {
        let bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                              0x05, 0x03, 0x01, 0x04, 0x01,              // memory: i64, min 1
                              0x07, 0x05, 0x01, 0x01, 0x6d, 0x02, 0x00]  // export "m" memory 0
        let module = try ModuleDecoder().decode(bytes)
        return [
            .coreModule(NestedModule(module: module, bytes: bytes[...], offset: 0)),
            .coreInstances([CoreInstance(expression: .instantiate(module: 0, arguments: []))]),
            .aliases([Alias(sort: .core(.memory), target: .coreInstanceExport(instance: 0, name: "m"))]),
        ]
    }

    @Test func defaultFeaturesAreWasmToolsDefaults() {
        #expect(ComponentFeatures.default.isEmpty)
        #expect(ComponentValidator().features == .default)
        #expect(ComponentFeatures.all == [.memory64, .moreAsyncBuiltins, .threading])
        #expect(ComponentFeatures(wasmToolsFeatures: "") == .default)
        #expect(ComponentFeatures(wasmToolsFeatures: "cm-async,cm64,gc") == .memory64)
        #expect(ComponentFeatures(wasmToolsFeatures: "cm-threading,cm-more-async-builtins") == [.threading, .moreAsyncBuiltins])
        #expect(ComponentFeatures(wasmToolsFeatures: "all,-cm64") == [.threading, .moreAsyncBuiltins])
    }

    @Test func memory64NeedsTheCm64Feature() throws {
        // (canon lower (func $f) (memory $m)) with a 64-bit memory.
        let lower = try Self.memory64Sections() + [
            .types([Self.function([("s", Self.string)], nil)]),
            .imports([ComponentImport(name: ExternName("f"), type: .function(type: 0))]),
            .canons([Canon(kind: .lower(function: 0, options: [.memory(0)]))]),
        ]
        #expect(Self.rejection(lower) == "64-bit memories require the `cm64` feature to be enabled")
        // The string parameter of a lowering needs no realloc: with cm64 this is valid.
        #expect(Self.rejection(lower, features: .memory64) == nil)
        let wait = try Self.memory64Sections() + [.canons([Canon(kind: .waitableSetWait(cancellable: true, memory: 0))])]
        #expect(Self.rejection(wait) == "64-bit memories require the `cm64` feature to be enabled")
        #expect(Self.rejection(wait, features: .memory64) == nil)
    }

    @Test func contextSlotsAreGatedBy64BitAndThreading() {
        func context(_ kind: Canon.Kind, _ features: ComponentFeatures = .default) -> String? {
            Self.rejection([.canons([Canon(kind: kind)])], features: features)
        }
        #expect(context(.contextGet(type: .i32, index: 0)) == nil)
        #expect(context(.contextGet(type: .i64, index: 0)) == "64-bit `context.get` requires the component model 64-bit feature")
        #expect(context(.contextSet(type: .i64, index: 0)) == "64-bit `context.set` requires the component model 64-bit feature")
        #expect(context(.contextGet(type: .i64, index: 0), .memory64) == nil)
        #expect(context(.contextGet(type: .i32, index: 1)) == "`context.get` immediate must be zero: 1")
        #expect(context(.contextSet(type: .i32, index: 100)) == "`context.set` immediate must be zero: 100")
        #expect(context(.contextGet(type: .i32, index: 1), .threading) == nil)
        #expect(context(.contextGet(type: .i32, index: 2), .threading) == "`context.get` immediate must be zero or one: 2")
    }

    @Test func asyncCancellationNeedsMoreAsyncBuiltins() {
        let future: [ComponentSection] = [.types([.defined(.future(Self.u32))])]
        #expect(Self.rejection(future + [.canons([Canon(kind: .futureCancelRead(type: 0, async: false))])]) == nil)
        #expect(Self.rejection(future + [.canons([Canon(kind: .futureCancelRead(type: 0, async: true))])])
            == "async `future.cancel-read` requires the component model more async builtins feature")
        #expect(Self.rejection(future + [.canons([Canon(kind: .futureCancelWrite(type: 0, async: true))])], features: .moreAsyncBuiltins) == nil)
        #expect(Self.rejection([.canons([Canon(kind: .subtaskCancel(async: true))])])
            == "async `subtask.cancel` requires the component model more async builtins feature")
    }

    @Test func threadBuiltinsNeedThreadingButYieldIsAsync() {
        #expect(Self.rejection([.canons([Canon(kind: .threadIndex)])]) == "`thread.index` requires the component model threading feature")
        #expect(Self.rejection([.canons([Canon(kind: .threadSuspendThenPromote(cancellable: false))])])
            == "`thread.suspend-then-promote` requires the component model threading feature")
        #expect(Self.rejection([.canons([Canon(kind: .threadIndex)])], features: .threading) == nil)
        #expect(Self.rejection([.canons([Canon(kind: .threadYield(cancellable: true))])]) == nil)
    }

    @Test func taskReturnTakesNoRealloc() throws {
        // (core module (func (export "r") (param i32 i32 i32 i32) (result i32) unreachable)
        //   (memory (export "m") 1)): a realloc of the right signature and a memory.
        let bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                              0x01, 0x09, 0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f,  // type (i32 x4) -> i32
                              0x03, 0x02, 0x01, 0x00,                                          // func 0: type 0
                              0x05, 0x03, 0x01, 0x00, 0x01,                                    // memory: min 1
                              0x07, 0x09, 0x02, 0x01, 0x72, 0x00, 0x00, 0x01, 0x6d, 0x02, 0x00, // export "r", "m"
                              0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b]                        // body: unreachable
        let module = try ModuleDecoder().decode(bytes)
        func taskReturn(_ options: [CanonOption]) -> String? {
            Self.rejection([
                .coreModule(NestedModule(module: module, bytes: bytes[...], offset: 0)),
                .coreInstances([CoreInstance(expression: .instantiate(module: 0, arguments: []))]),
                .aliases([Alias(sort: .core(.function), target: .coreInstanceExport(instance: 0, name: "r")),
                          Alias(sort: .core(.memory), target: .coreInstanceExport(instance: 0, name: "m"))]),
                .canons([Canon(kind: .taskReturn(result: Self.string, options: options))]),
            ], features: .all)
        }
        #expect(taskReturn([.memory(0)]) == nil)
        #expect(taskReturn([.memory(0), .realloc(0)]) == "cannot specify `realloc` option on `task.return`")
    }

    @Test func bagOfExportsNamesNoResources() {
        // (instance (export "a" (type $T)) (export "[method]a.b" (func $f))) with $f taking (borrow $T).
        let method = Self.rejection([
            .imports([ComponentImport(name: ExternName("t"), type: .type(.subResource))]),
            .types([.defined(.borrow(0)), Self.function([("self", .index(1))], nil)]),
            .imports([ComponentImport(name: ExternName("f"), type: .function(type: 2))]),
            .instances([ComponentInstance(expression: .exports([
                ComponentInlineExport(name: ExternName("a"), item: ComponentSortIndex(sort: .type, index: 0)),
                ComponentInlineExport(name: ExternName("[method]a.b"), item: ComponentSortIndex(sort: .function, index: 0)),
            ]))]),
        ], features: .all)
        #expect(method == "export name `[method]a.b` is not valid: resource used in function does not have a name in this context")
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

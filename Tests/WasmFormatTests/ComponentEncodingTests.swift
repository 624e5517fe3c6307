import Foundation
import LoupeTestSupport
import Testing
import WasmFormat

/// Every node of the component tree encodes to bytes the decoder reads back as the same
/// node, and wasm-tools 1.262 reads them too (when it is installed).
@Suite struct ComponentEncodingTests {
    static let everyCanon: [Canon.Kind] = [
        .lift(coreFunction: 1, options: [.utf8, .utf16, .latin1UTF16, .memory(0), .realloc(2), .postReturn(3), .async, .callback(4), .coreType(5), .gc], type: 6),
        .lower(function: 7, options: []),
        .resourceNew(type: 1), .resourceDrop(type: 2), .resourceRep(type: 3),
        .backpressureIncrement, .backpressureDecrement,
        .taskReturn(result: .primitive(.string), options: [.memory(0)]), .taskReturn(result: nil, options: []),
        .taskCancel, .contextGet(type: .i32, index: 0), .contextSet(type: .i64, index: 1),
        .subtaskCancel(async: true), .subtaskCancel(async: false), .subtaskDrop,
        .streamNew(type: 1), .streamRead(type: 1, options: [.async]), .streamWrite(type: 1, options: []),
        .streamCancelRead(type: 1, async: true), .streamCancelWrite(type: 1, async: false),
        .streamDropReadable(type: 1), .streamDropWritable(type: 1),
        .futureNew(type: 2), .futureRead(type: 2, options: []), .futureWrite(type: 2, options: [.memory(0)]),
        .futureCancelRead(type: 2, async: false), .futureCancelWrite(type: 2, async: true),
        .futureDropReadable(type: 2), .futureDropWritable(type: 2),
        .errorContextNew(options: [.utf16]), .errorContextDebugMessage(options: []), .errorContextDrop,
        .waitableSetNew, .waitableSetWait(cancellable: false, memory: 0), .waitableSetPoll(cancellable: true, memory: 1),
        .waitableSetDrop, .waitableJoin, .threadIndex, .threadNewIndirect(type: 0, table: 1), .threadResumeLater,
        .threadSuspend(cancellable: true), .threadYield(cancellable: false), .threadYield(cancellable: true),
        .threadSuspendThenResume(cancellable: false), .threadYieldThenResume(cancellable: true),
        .threadSuspendThenPromote(cancellable: true), .threadYieldThenPromote(cancellable: false),
        .threadSpawnRef(type: 3), .threadSpawnIndirect(type: 3, table: 0), .threadAvailableParallelism,
        .streamForward(type: 1), .futureForward(type: 2),
    ]

    static let everyDefinedType: [DefinedValTypeSyntax] = [
        .primitive(.bool), .primitive(.errorContext),
        .record([LabeledValType(label: "a", type: .primitive(.u8)), LabeledValType(label: "b", type: .index(300))]),
        .variant([VariantCaseSyntax(label: "x", type: nil), VariantCaseSyntax(label: "y", type: .primitive(.f64))]),
        .list(.primitive(.char)), .fixedSizeList(.primitive(.u32), length: 4), .tuple([.primitive(.s8), .index(0)]),
        .flags(["p", "q"]), .enum(["one", "two"]), .option(.primitive(.s64)),
        .result(ok: .primitive(.u16), error: nil), .result(ok: nil, error: .primitive(.string)), .result(ok: nil, error: nil),
        .own(1), .borrow(1), .stream(nil), .stream(.primitive(.u8)), .future(nil), .future(.index(2)),
        .map(key: .primitive(.string), value: .primitive(.f32)),
    ]

    /// A component using every kind of node, one section of each id at least.
    /// `canons` defaults to every built-in; wasm-tools 1.262 gets them without the
    /// `cancellable` flags, which it no longer reads (the specification of ../shared has them).
    static func everything(canons: [Canon.Kind] = everyCanon) -> Component {
        var module = Module()
        module.types = [RecGroup(types: [SubType(composite: .function(FunctionType(parameters: [.i32], results: [])))], isExplicit: false)]
        module.functions = [0]
        module.codes = [FunctionBody(locals: [FunctionBody.Locals(count: 1, type: .i64)], code: [0x0B][...], codeOffset: 0)]
        module.exports = [Export(name: "f", kind: .function, index: 0)]

        var inner = Component()
        inner.sections = [.types([.defined(.primitive(.string))])]

        let function = ComponentFunctionTypeSyntax(parameters: [LabeledValType(label: "x", type: .primitive(.u32))], result: .primitive(.bool))
        let instanceType: [InstanceTypeDeclaration] = [
            .coreType(.recGroup(RecGroup(types: [SubType(composite: .function(FunctionType(parameters: [], results: [])))], isExplicit: false))),
            .type(.defined(.list(.primitive(.u8)))),
            .alias(Alias(sort: .type, target: .outer(count: 1, index: 0))),
            .export(ExternName("r"), .type(.subResource)),
            .export(ExternName("[constructor]r"), .function(type: 1)),
        ]
        let componentType: [ComponentTypeDeclaration] = [
            .import(ExternName("wasi:cli/run@0.2.0", encoding: 0x01), .instance(type: 0)),
            .instance(.type(.function(function))),
            .instance(.export(ExternName("e"), .type(.equal(0)))),
        ]
        let moduleType: [CoreModuleDeclaration] = [
            .type(.recGroup(RecGroup(types: [SubType(composite: .function(FunctionType(parameters: [.i32], results: [.i64])))], isExplicit: false))),
            .import(Import(module: "m", name: "n", description: .function(typeIndex: 0))),
            .outerTypeAlias(count: 1, index: 0),
            .export(name: "x", type: .memory(MemoryType(limits: Limits(min: 1)))),
        ]
        var c = Component()
        c.sections = [
            .custom(CustomSection(name: "producers", payload: [1, 2, 3][...], placedAfter: 0)),
            .coreModule(NestedModule(module: module, bytes: [], offset: 0)),
            .coreInstances([
                CoreInstance(expression: .instantiate(module: 0, arguments: [CoreInstantiateArgument(name: "env", instance: 1)])),
                CoreInstance(expression: .exports([CoreInlineExport(name: "t", item: CoreSortIndex(sort: .table, index: 0)),
                                                   CoreInlineExport(name: "g", item: CoreSortIndex(sort: .tag, index: 1))])),
            ]),
            .coreTypes([
                .recGroup(RecGroup(types: [SubType(composite: .struct([FieldType(storage: .i8, mutable: true)]))], isExplicit: false)),
                .recGroup(RecGroup(types: [SubType(isFinal: false, composite: .array(FieldType(storage: .value(.f32), mutable: false)))], isExplicit: false)),
                .recGroup(RecGroup(types: [SubType(isFinal: false, supertypes: [1], composite: .function(FunctionType(parameters: [], results: [])))], isExplicit: true)),
                .module(moduleType),
            ]),
            .component(NestedComponent(component: inner, bytes: [], offset: 0)),
            .instances([
                ComponentInstance(expression: .instantiate(component: 0, arguments: [
                    ComponentInstantiateArgument(name: "m", item: ComponentSortIndex(sort: .core(.module), index: 0)),
                    ComponentInstantiateArgument(name: "v", item: ComponentSortIndex(sort: .value, index: 0)),
                ])),
                ComponentInstance(expression: .exports([ComponentInlineExport(name: ExternName("f"), item: ComponentSortIndex(sort: .function, index: 2))])),
            ]),
            .aliases([
                Alias(sort: .instance, target: .instanceExport(instance: 0, name: "i")),
                Alias(sort: .core(.module), target: .instanceExport(instance: 0, name: "m")),
                Alias(sort: .core(.memory), target: .coreInstanceExport(instance: 1, name: "mem")),
                Alias(sort: .core(.type), target: .outer(count: 1, index: 2)),
                Alias(sort: .component, target: .outer(count: 0, index: 0)),
            ]),
            .types(everyDefinedType.map { .defined($0) } + [
                .function(function), .function(ComponentFunctionTypeSyntax(isAsync: true, parameters: [], result: nil)),
                .component(componentType), .instance(instanceType),
                .resource(representation: .i32, destructor: nil), .resource(representation: .i64, destructor: 9),
            ]),
            .canons(canons.map { Canon(kind: $0) }),
            .start(ComponentStart(function: 0, arguments: [1, 2], resultCount: 1)),
            .imports([
                ComponentImport(name: ExternName("a"), type: .module(coreType: 3)),
                ComponentImport(name: ExternName("b", encoding: 0x02, attributes: [.implements("a:b/c"), .versionSuffix("-rc"), .externalID("id")]),
                                type: .instance(type: 1)),
                ComponentImport(name: ExternName("v"), type: .value(.type(.index(3)))),
                ComponentImport(name: ExternName("t"), type: .type(.subResource)),
                ComponentImport(name: ExternName("c"), type: .component(type: 2)),
            ]),
            .exports([
                ComponentExport(name: ExternName("[method]r.m"), item: ComponentSortIndex(sort: .function, index: 0)),
                ComponentExport(name: ExternName("g", encoding: 0x02, attributes: []), item: ComponentSortIndex(sort: .function, index: 0),
                                type: .function(type: 4)),
            ]),
        ]
        var names = ComponentNameSection()
        names.componentName = "everything"
        names.names[.core(.function)] = [0: "f", 3: "g"]
        names.names[.instance] = [1: "i"]
        c.names = names
        return c
    }

    @Test func everyNodeDecodesAsEncoded() throws {
        let original = Self.everything()
        let bytes = ComponentEncoder().encode(original)
        let decoded = try ComponentDecoder().decode(bytes)
        // The tree had names but no name section: the encoder appended one.
        guard case .custom(let last) = decoded.sections.last else {
            Issue.record("no component-name section at the end")
            return
        }
        #expect(last.name == "component-name")
        #expect(decoded.names == original.names)
        var withoutNames = decoded
        withoutNames.sections.removeLast()
        withoutNames.names = nil
        var plain = original
        plain.names = nil
        #expect(TreeDifference.between(plain, withoutNames) == nil)
        // Decoded trees encode back to their bytes.
        #expect(ComponentEncoder().encode(decoded) == bytes)
    }

    @Test(.enabled(if: TestEnvironment.referenceTools != nil, "no wasm-tools: the encoding is not checked against the reference"))
    func wasmToolsReadsTheEncoding() throws {
        let tools = try #require(TestEnvironment.referenceTools)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-component-\(UUID().uuidString).wasm")
        defer { try? FileManager.default.removeItem(at: file) }
        let canons = Self.everyCanon.filter { !"\($0)".contains("cancellable: true") }
        try Data(ComponentEncoder().encode(Self.everything(canons: canons))).write(to: file)
        // `print` parses every section without validating: the indices are made up.
        let r = TestEnvironment.run(tools.appendingPathComponent("wasm-tools"), ["print", file.path])
        #expect(r.status == 0, "wasm-tools print: \(r.stderr)")
    }

    @Test func layoutLocatesSectionsAndItems() throws {
        let (bytes, layout) = ComponentEncoder().encodeWithLayout(Self.everything())
        let decoded = try ComponentDecoder().decode(bytes)
        #expect(layout.sections.count == decoded.sections.count)
        for (section, placed) in zip(decoded.sections, layout.sections) {
            if case .canons(let canons) = section {
                #expect(placed.items.map(\.lowerBound) == canons.map(\.offset))
            }
        }
        let nested = try #require(layout.sections.first { $0.id == 4 }?.component)
        #expect(Array(bytes[nested.sections[0].range].prefix(1)) == [7])
    }
}

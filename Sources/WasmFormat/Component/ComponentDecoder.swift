/// Decodes the binary format of a component (`Binary.md`) into a `Component` tree.
///
/// Decoding checks the binary grammar only ("malformed" errors); everything that needs
/// index spaces or types is left to validation. Nested core modules are decoded by
/// `ModuleDecoder` and keep a slice of their bytes; nested components are decoded
/// recursively, to a bounded depth so that hostile nesting ends in an error rather than a
/// stack overflow. Every offset is absolute in the outermost binary (a nested module's
/// function bodies included), so messages and the debugger can point into the file.
///
/// Error wording follows wasm-tools where the conformance suites compare it
/// ("invalid leading byte (0x..) for …", "malformed section id").
public struct ComponentDecoder {
    public init() {}

    /// The preamble of a component: magic, version 0x0d, layer 1.
    public static let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]

    /// How deeply components and component/instance/module types may nest inside one
    /// another (an implementation limit that keeps the recursive decoder's stack bounded).
    public static let maximumNesting = 100

    public func decode(_ bytes: [UInt8]) throws(WasmError) -> Component {
        try decode(bytes[...])
    }

    public func decode(_ bytes: ArraySlice<UInt8>) throws(WasmError) -> Component {
        try decodeComponent(bytes, depth: 0)
    }

    func decodeComponent(_ bytes: ArraySlice<UInt8>, depth: Int) throws(WasmError) -> Component {
        var r = ByteReader(bytes)
        try Self.readPreamble(&r)
        var component = Component()
        while !r.isAtEnd {
            let sectionStart = r.offset
            let id = try r.readByte()
            guard id <= 11 else {
                throw .malformed("malformed section id: \(id) is not a component section", at: sectionStart)
            }
            let size = Int(try r.readU32())
            guard size <= r.remaining else {
                throw .malformed("unexpected end-of-file: section \(id) declares \(size) bytes, \(r.remaining) left", at: sectionStart)
            }
            var s = ByteReader(bytes, from: r.offset, to: r.offset + size)
            var decoder = SectionDecoder(reader: s, depth: depth)
            let section = try decoder.section(id, at: sectionStart)
            s = decoder.reader
            guard s.isAtEnd else {
                // wasm-tools words the start section's case apart from the others.
                let what = id == 9 ? "unexpected content in the component start section" : "section size mismatch: unexpected data at the end of the section"
                throw .malformed("\(what) (\(s.remaining) bytes of the \(SectionDecoder.sectionName(id)) section left over)", at: s.offset)
            }
            if case .custom(let c) = section, c.name == "component-name" {
                // An invalid name section is ignored, as the spec asks of engines.
                component.names = try? ComponentNameSection.decode(c.payload)
            }
            component.sections.append(section)
            try r.skip(size)
        }
        return component
    }

    /// Reads and checks a component preamble, distinguishing a core module's.
    static func readPreamble(_ r: inout ByteReader) throws(WasmError) {
        let start = r.offset
        guard r.remaining >= 4, Array(try r.readBytes(4)) == [0x00, 0x61, 0x73, 0x6D] else {
            throw .malformed("magic header not detected", at: start)
        }
        guard r.remaining >= 4 else { throw .malformed("unexpected end-of-file: unknown binary version", at: r.offset) }
        let version = Array(try r.readBytes(4))
        if version == [0x01, 0x00, 0x00, 0x00] {
            throw .malformed("expected a version header for a component, found a core module's", at: start + 4)
        }
        guard version == [0x0D, 0x00, 0x01, 0x00] else {
            throw .malformed("unknown binary version: 0x\(hex(version))", at: start + 4)
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// The kind of binary a `.wasm` file holds, told apart by its preamble's layer field.
public enum Binary: Sendable {
    case module(Module)
    case component(Component)

    /// Decodes a core module or a component, whichever the preamble announces.
    public static func decode(_ bytes: [UInt8]) throws(WasmError) -> Binary {
        try decode(bytes[...])
    }

    public static func decode(_ bytes: ArraySlice<UInt8>) throws(WasmError) -> Binary {
        if isComponent(bytes) { return .component(try ComponentDecoder().decode(bytes)) }
        return .module(try ModuleDecoder().decode(bytes))
    }

    /// Whether the bytes start like a component (magic, then a layer field of 1).
    public static func isComponent(_ bytes: ArraySlice<UInt8>) -> Bool {
        let s = bytes.startIndex
        guard bytes.count >= 8, bytes[s] == 0x00, bytes[s + 1] == 0x61, bytes[s + 2] == 0x73, bytes[s + 3] == 0x6D else {
            return false
        }
        return bytes[s + 6] == 0x01 && bytes[s + 7] == 0x00
    }
}

// MARK: Sections

/// Decodes one section's contents; `depth` counts enclosing components and types.
struct SectionDecoder {
    var reader: ByteReader
    let depth: Int

    static func sectionName(_ id: UInt8) -> String {
        switch id {
        case 0: "custom"
        case 1: "core module"
        case 2: "core instance"
        case 3: "core type"
        case 4: "component"
        case 5: "instance"
        case 6: "alias"
        case 7: "type"
        case 8: "canonical function"
        case 9: "start"
        case 10: "import"
        case 11: "export"
        default: "\(id)"
        }
    }

    /// How many arguments and results a start definition may have (wasm-tools' limit).
    static let maximumStartValues: UInt32 = 1000

    func invalid(_ byte: UInt8, _ what: String, at offset: Int) -> WasmError {
        .malformed("invalid leading byte (0x\(String(byte, radix: 16))) for \(what)", at: offset)
    }

    func nestingCheck(at offset: Int) throws(WasmError) {
        guard depth < ComponentDecoder.maximumNesting else {
            throw .malformed("nesting too deep: components and types nest at most \(ComponentDecoder.maximumNesting) levels", at: offset)
        }
    }

    mutating func section(_ id: UInt8, at sectionStart: Int) throws(WasmError) -> ComponentSection {
        switch id {
        case 0:
            let name = try reader.readName()
            let payload = try reader.readBytes(reader.remaining)
            return .custom(CustomSection(name: name, payload: payload, placedAfter: 0, offset: sectionStart))
        case 1:
            let start = reader.offset
            let bytes = try reader.readBytes(reader.remaining)
            var check = ByteReader(bytes)
            try Self.checkModulePreamble(&check)
            return .coreModule(NestedModule(module: try ModuleDecoder().decode(bytes), bytes: bytes, offset: start))
        case 2:
            return .coreInstances(try vector("core instance section") { (d: inout SectionDecoder) throws(WasmError) in try d.coreInstance() })
        case 3:
            return .coreTypes(try vector("core type section") { (d: inout SectionDecoder) throws(WasmError) in try d.coreType() })
        case 4:
            try nestingCheck(at: sectionStart)
            let start = reader.offset
            let bytes = try reader.readBytes(reader.remaining)
            let nested = try ComponentDecoder().decodeComponent(bytes, depth: depth + 1)
            return .component(NestedComponent(component: nested, bytes: bytes, offset: start))
        case 5:
            return .instances(try vector("instance section") { (d: inout SectionDecoder) throws(WasmError) in try d.instance() })
        case 6:
            return .aliases(try vector("alias section") { (d: inout SectionDecoder) throws(WasmError) in try d.alias() })
        case 7:
            return .types(try vector("type section") { (d: inout SectionDecoder) throws(WasmError) in try d.typeDefinition() })
        case 8:
            return .canons(try vector("canonical function section") { (d: inout SectionDecoder) throws(WasmError) in try d.canon() })
        case 9:
            let start = reader.offset
            let function = try reader.readU32()
            let countOffset = reader.offset
            let n = try reader.readU32()
            guard n <= Self.maximumStartValues else {
                throw .malformed("start function arguments size is out of bounds: \(n) arguments, at most \(Self.maximumStartValues)", at: countOffset)
            }
            var arguments: [UInt32] = []
            for _ in 0..<n { arguments.append(try reader.readU32()) }
            let resultsOffset = reader.offset
            let results = try reader.readU32()
            guard results <= Self.maximumStartValues else {
                throw .malformed("start function results size is out of bounds: \(results) results, at most \(Self.maximumStartValues)", at: resultsOffset)
            }
            return .start(ComponentStart(function: function, arguments: arguments, resultCount: results, offset: start))
        case 10:
            return .imports(try vector("import section") { (d: inout SectionDecoder) throws(WasmError) in
                let start = d.reader.offset
                let name = try d.externName()
                return ComponentImport(name: name, type: try d.externType(), offset: start)
            })
        case 11:
            return .exports(try vector("export section") { (d: inout SectionDecoder) throws(WasmError) in try d.export() })
        default:
            throw .malformed("malformed section id: \(id) is not a component section", at: sectionStart)
        }
    }

    /// A nested core module must carry a core preamble (a component's is an error that
    /// deserves its own message).
    static func checkModulePreamble(_ r: inout ByteReader) throws(WasmError) {
        guard r.remaining >= 8 else { return }
        let start = r.offset
        let head = Array(try r.readBytes(8))
        if head[0..<4] == [0x00, 0x61, 0x73, 0x6D], head[4..<8] == [0x0D, 0x00, 0x01, 0x00] {
            throw .malformed("expected a version header for a module, found a component's", at: start + 4)
        }
    }

    mutating func vector<T>(_ what: String, _ element: (inout SectionDecoder) throws(WasmError) -> T) throws(WasmError) -> [T] {
        let n = try reader.readCount(what: what)
        var items: [T] = []
        items.reserveCapacity(n)
        for _ in 0..<n { items.append(try element(&self)) }
        return items
    }

    // MARK: Sorts

    /// A component sort byte (0x01 to 0x05), or nil.
    static func componentSort(_ b: UInt8) -> ComponentSort? {
        switch b {
        case 0x01: .function
        case 0x02: .value
        case 0x03: .type
        case 0x04: .component
        case 0x05: .instance
        default: nil
        }
    }

    /// Any `sort` (as the name section uses them): 0x00 followed by a core sort, or a
    /// component sort byte.
    mutating func sort(_ what: String) throws(WasmError) -> ComponentSort {
        let start = reader.offset
        let b = try reader.readByte()
        if b == 0x00 {
            let k = reader.offset
            let c = try reader.readByte()
            guard let s = CoreSort(rawValue: c) else { throw invalid(c, what, at: k) }
            return .core(s)
        }
        guard let s = Self.componentSort(b) else { throw invalid(b, what, at: start) }
        return s
    }

    /// The sort of an item a component passes around (instantiation arguments, inline
    /// exports, exports): a component sort, or `core module`, the one core sort that
    /// crosses component boundaries.
    mutating func externalSort() throws(WasmError) -> ComponentSort {
        let start = reader.offset
        let b = try reader.readByte()
        if b == 0x00 {
            let k = reader.offset
            let c = try reader.readByte()
            guard c == CoreSort.module.rawValue else { throw invalid(c, "component external kind", at: k) }
            return .core(.module)
        }
        guard let s = Self.componentSort(b) else { throw invalid(b, "component external kind", at: start) }
        return s
    }

    /// The kind of a core instance's export: function, table, memory, global or tag.
    static func coreExternalKind(_ b: UInt8) -> CoreSort? {
        guard b <= CoreSort.tag.rawValue else { return nil }
        return CoreSort(rawValue: b)
    }

    // MARK: Instances

    mutating func coreInstance() throws(WasmError) -> CoreInstance {
        let start = reader.offset
        let b = try reader.readByte()
        switch b {
        case 0x00:
            let module = try reader.readU32()
            let args = try vector("instantiation arguments") { (d: inout SectionDecoder) throws(WasmError) in
                let name = try d.reader.readName()
                let kindOffset = d.reader.offset
                let kind = try d.reader.readByte()
                guard kind == 0x12 else { throw d.invalid(kind, "instantiation arg kind", at: kindOffset) }
                return CoreInstantiateArgument(name: name, instance: try d.reader.readU32())
            }
            return CoreInstance(expression: .instantiate(module: module, arguments: args), offset: start)
        case 0x01:
            let exports = try vector("core instance exports") { (d: inout SectionDecoder) throws(WasmError) in
                let name = try d.reader.readName()
                let k = d.reader.offset
                let b = try d.reader.readByte()
                guard let sort = Self.coreExternalKind(b) else { throw d.invalid(b, "external kind", at: k) }
                return CoreInlineExport(name: name, item: CoreSortIndex(sort: sort, index: try d.reader.readU32()))
            }
            return CoreInstance(expression: .exports(exports), offset: start)
        default:
            throw invalid(b, "core instance", at: start)
        }
    }

    mutating func instance() throws(WasmError) -> ComponentInstance {
        let start = reader.offset
        let b = try reader.readByte()
        switch b {
        case 0x00:
            let component = try reader.readU32()
            let args = try vector("instantiation arguments") { (d: inout SectionDecoder) throws(WasmError) in
                let name = try d.reader.readName()
                let sort = try d.externalSort()
                return ComponentInstantiateArgument(name: name, item: ComponentSortIndex(sort: sort, index: try d.reader.readU32()))
            }
            return ComponentInstance(expression: .instantiate(component: component, arguments: args), offset: start)
        case 0x01:
            let exports = try vector("instance exports") { (d: inout SectionDecoder) throws(WasmError) in
                let name = try d.externName()
                let sort = try d.externalSort()
                return ComponentInlineExport(name: name, item: ComponentSortIndex(sort: sort, index: try d.reader.readU32()))
            }
            return ComponentInstance(expression: .exports(exports), offset: start)
        default:
            throw invalid(b, "instance", at: start)
        }
    }

    // MARK: Aliases

    mutating func alias() throws(WasmError) -> Alias {
        let start = reader.offset
        // The sort is read raw first: which sorts are allowed depends on the target, and
        // the messages name the byte as wasm-tools does for each target.
        let sortByte = try reader.readByte()
        let coreByte: UInt8? = sortByte == 0x00 ? try reader.readByte() : nil
        let targetOffset = reader.offset
        let target = try reader.readByte()
        switch target {
        case 0x00:
            // An instance's export: a component item or a core module.
            let sort: ComponentSort
            if let c = coreByte {
                guard c == CoreSort.module.rawValue else { throw invalid(c, "component external kind", at: start + 1) }
                sort = .core(.module)
            } else {
                guard let s = Self.componentSort(sortByte) else { throw invalid(sortByte, "component external kind", at: start) }
                sort = s
            }
            let instance = try reader.readU32()
            return Alias(sort: sort, target: .instanceExport(instance: instance, name: try reader.readName()), offset: start)
        case 0x01:
            // A core instance's export: function, table, memory, global or tag.
            guard let c = coreByte else { throw invalid(sortByte, "core instance export kind", at: start) }
            guard let s = Self.coreExternalKind(c) else { throw invalid(c, "external kind", at: start) }
            let instance = try reader.readU32()
            return Alias(sort: .core(s), target: .coreInstanceExport(instance: instance, name: try reader.readName()), offset: start)
        case 0x02:
            // An enclosing scope's item: only the sorts whose definitions can be shared.
            let sort: ComponentSort
            switch (sortByte, coreByte) {
            case (_, 0x10?): sort = .core(.type)
            case (_, 0x11?): sort = .core(.module)
            case (_, let c?): throw invalid(c, "component outer alias kind", at: start + 1)
            case (0x03, nil): sort = .type
            case (0x04, nil): sort = .component
            default: throw invalid(sortByte, "component outer alias kind", at: start)
            }
            let count = try reader.readU32()
            return Alias(sort: sort, target: .outer(count: count, index: try reader.readU32()), offset: start)
        default:
            throw invalid(target, "alias", at: targetOffset)
        }
    }

    // MARK: Core types

    mutating func coreType() throws(WasmError) -> CoreTypeDefinition {
        let start = reader.offset
        switch reader.peekByte() {
        case 0x50:
            _ = try reader.readByte()
            try nestingCheck(at: start)
            var inner = SectionDecoder(reader: reader, depth: depth + 1)
            let decls = try inner.vector("module type declarations") { (d: inout SectionDecoder) throws(WasmError) in try d.moduleDeclaration() }
            reader = inner.reader
            return .module(decls)
        case 0x00:
            // `0x00 0x50`: a non-final sub type, escaped because 0x50 means a module type here.
            _ = try reader.readByte()
            let b = try reader.readByte()
            guard b == 0x50 else { throw invalid(b, "non-final sub type", at: start + 1) }
            let n = try reader.readCount(what: "supertypes")
            var supers: [UInt32] = []
            for _ in 0..<n { supers.append(try reader.readU32()) }
            let composite = try reader.readCompositeType()
            return .recGroup(RecGroup(types: [SubType(isFinal: false, supertypes: supers, composite: composite)], isExplicit: false))
        default:
            return .recGroup(try reader.readRecGroup())
        }
    }

    mutating func moduleDeclaration() throws(WasmError) -> CoreModuleDeclaration {
        let start = reader.offset
        let b = try reader.readByte()
        switch b {
        case 0x00:
            let offset = reader.offset
            let module = try reader.readName()
            let name = try reader.readName()
            return .import(Import(module: module, name: name, description: try reader.readImportDescription(), offset: offset))
        case 0x01:
            return .type(try coreType())
        case 0x02:
            let sortOffset = reader.offset
            let sort = try reader.readByte()
            guard sort == 0x10 else { throw invalid(sort, "outer alias kind", at: sortOffset) }
            let targetOffset = reader.offset
            let target = try reader.readByte()
            guard target == 0x01 else { throw invalid(target, "outer alias target", at: targetOffset) }
            let count = try reader.readU32()
            return .outerTypeAlias(count: count, index: try reader.readU32())
        case 0x03:
            let name = try reader.readName()
            return .export(name: name, type: try reader.readImportDescription())
        default:
            throw invalid(b, "type definition", at: start)
        }
    }

    // MARK: Component types

    mutating func primitive(_ b: UInt8) -> PrimitiveValueType? {
        PrimitiveValueType(rawValue: b)
    }

    /// A `valtype`: a primitive opcode, or a non-negative s33 type index.
    mutating func valType() throws(WasmError) -> ComponentValTypeRef {
        let start = reader.offset
        guard let b = reader.peekByte() else { throw .malformed("unexpected end-of-file", at: start) }
        if let p = primitive(b) {
            _ = try reader.readByte()
            return .primitive(p)
        }
        let v = try reader.readS33()
        guard v >= 0 else { throw invalid(b, "component value type", at: start) }
        guard v <= Int64(UInt32.max) else { throw .malformed("type index too large", at: start) }
        return .index(UInt32(v))
    }

    mutating func optional<T>(_ what: String, _ read: (inout SectionDecoder) throws(WasmError) -> T) throws(WasmError) -> T? {
        let start = reader.offset
        let b = try reader.readByte()
        switch b {
        case 0x00: return nil
        case 0x01: return try read(&self)
        default: throw invalid(b, what, at: start)
        }
    }

    mutating func optionalValType(_ what: String) throws(WasmError) -> ComponentValTypeRef? {
        try optional(what) { (d: inout SectionDecoder) throws(WasmError) in try d.valType() }
    }

    mutating func label() throws(WasmError) -> String {
        try reader.readName()
    }

    mutating func typeDefinition() throws(WasmError) -> ComponentTypeDefinition {
        let start = reader.offset
        guard let b = reader.peekByte() else { throw .malformed("unexpected end-of-file", at: start) }
        switch b {
        case 0x40, 0x43:
            _ = try reader.readByte()
            return .function(try functionType(isAsync: b == 0x43))
        case 0x41:
            _ = try reader.readByte()
            try nestingCheck(at: start)
            var inner = SectionDecoder(reader: reader, depth: depth + 1)
            let decls = try inner.vector("component type declarations") { (d: inout SectionDecoder) throws(WasmError) -> ComponentTypeDeclaration in
                let declStart = d.reader.offset
                if d.reader.peekByte() == 0x03 {
                    _ = try d.reader.readByte()
                    let name = try d.externName()
                    return .import(name, try d.externType())
                }
                return .instance(try d.instanceDeclaration(at: declStart))
            }
            reader = inner.reader
            return .component(decls)
        case 0x42:
            _ = try reader.readByte()
            try nestingCheck(at: start)
            var inner = SectionDecoder(reader: reader, depth: depth + 1)
            let decls = try inner.vector("instance type declarations") { (d: inout SectionDecoder) throws(WasmError) in
                try d.instanceDeclaration(at: d.reader.offset)
            }
            reader = inner.reader
            return .instance(decls)
        case 0x3F:
            _ = try reader.readByte()
            let rep = try reader.readValueType()
            let dtor = try optional("resource destructor") { (d: inout SectionDecoder) throws(WasmError) in try d.reader.readU32() }
            return .resource(representation: rep, destructor: dtor)
        default:
            return .defined(try definedValType())
        }
    }

    mutating func functionType(isAsync: Bool) throws(WasmError) -> ComponentFunctionTypeSyntax {
        let params = try vector("function parameters") { (d: inout SectionDecoder) throws(WasmError) in
            let label = try d.label()
            return LabeledValType(label: label, type: try d.valType())
        }
        return ComponentFunctionTypeSyntax(isAsync: isAsync, parameters: params, result: try resultList())
    }

    /// `resultlist`: `0x00 t` (one result) or `0x01 0x00` (none).
    mutating func resultList() throws(WasmError) -> ComponentValTypeRef? {
        let start = reader.offset
        let b = try reader.readByte()
        switch b {
        case 0x00:
            return try valType()
        case 0x01:
            let z = reader.offset
            let n = try reader.readByte()
            guard n == 0x00 else { throw invalid(n, "number of results", at: z) }
            return nil
        default:
            throw invalid(b, "component function results", at: start)
        }
    }

    mutating func instanceDeclaration(at start: Int) throws(WasmError) -> InstanceTypeDeclaration {
        let b = try reader.readByte()
        switch b {
        case 0x00: return .coreType(try coreType())
        case 0x01: return .type(try typeDefinition())
        case 0x02: return .alias(try alias())
        case 0x04:
            let name = try externName()
            return .export(name, try externType())
        default:
            throw invalid(b, "component or instance type declaration", at: start)
        }
    }

    mutating func definedValType() throws(WasmError) -> DefinedValTypeSyntax {
        let start = reader.offset
        let b = try reader.readByte()
        if let p = primitive(b) { return .primitive(p) }
        switch b {
        case 0x72:
            return .record(try vector("record fields") { (d: inout SectionDecoder) throws(WasmError) in
                let label = try d.label()
                return LabeledValType(label: label, type: try d.valType())
            })
        case 0x71:
            return .variant(try vector("variant cases") { (d: inout SectionDecoder) throws(WasmError) in
                let label = try d.label()
                let type = try d.optionalValType("optional component value type")
                // The trailing byte was `refines`; only its absent form (0x00) is valid now.
                let z = d.reader.offset
                let refines = try d.reader.readByte()
                guard refines == 0x00 else { throw d.invalid(refines, "zero byte required", at: z) }
                return VariantCaseSyntax(label: label, type: type)
            })
        case 0x70:
            return .list(try valType())
        case 0x67:
            let element = try valType()
            return .fixedSizeList(element, length: try reader.readU32())
        case 0x6F:
            return .tuple(try vector("tuple types") { (d: inout SectionDecoder) throws(WasmError) in try d.valType() })
        case 0x6E:
            return .flags(try vector("flag names") { (d: inout SectionDecoder) throws(WasmError) in try d.label() })
        case 0x6D:
            return .enum(try vector("enum cases") { (d: inout SectionDecoder) throws(WasmError) in try d.label() })
        case 0x6B:
            return .option(try valType())
        case 0x6A:
            let ok = try optionalValType("optional component value type")
            return .result(ok: ok, error: try optionalValType("optional component value type"))
        case 0x69:
            return .own(try reader.readU32())
        case 0x68:
            return .borrow(try reader.readU32())
        case 0x66:
            return .stream(try optionalValType("optional component value type"))
        case 0x65:
            return .future(try optionalValType("optional component value type"))
        case 0x63:
            let key = try valType()
            return .map(key: key, value: try valType())
        default:
            throw invalid(b, "component defined type", at: start)
        }
    }

    mutating func externType() throws(WasmError) -> ComponentExternType {
        let start = reader.offset
        let b = try reader.readByte()
        switch b {
        case 0x00:
            let k = reader.offset
            let c = try reader.readByte()
            guard c == 0x11 else { throw invalid(c, "component external kind", at: k) }
            return .module(coreType: try reader.readU32())
        case 0x01: return .function(type: try reader.readU32())
        case 0x02:
            // `0x02 valtype`, as wasm-tools 1.262 reads it (see `ValueBound`).
            return .value(.type(try valType()))
        case 0x03:
            let bo = reader.offset
            let bound = try reader.readByte()
            switch bound {
            case 0x00: return .type(.equal(try reader.readU32()))
            case 0x01: return .type(.subResource)
            default: throw invalid(bound, "type bound", at: bo)
            }
        case 0x04: return .component(type: try reader.readU32())
        case 0x05: return .instance(type: try reader.readU32())
        default: throw invalid(b, "component external kind", at: start)
        }
    }

    // MARK: Names, exports

    /// `nameattributes`: the discriminant, the name, and (0x02) its attributes.
    mutating func externName() throws(WasmError) -> ExternName {
        let start = reader.offset
        let b = try reader.readByte()
        switch b {
        case 0x00, 0x01:
            return ExternName(try reader.readName(), encoding: b)
        case 0x02:
            let name = try reader.readName()
            let attributes = try vector("name attributes") { (d: inout SectionDecoder) throws(WasmError) -> ExternName.Attribute in
                let at = d.reader.offset
                let kind = try d.reader.readByte()
                switch kind {
                case 0x00: return .implements(try d.reader.readName())
                case 0x01: return .versionSuffix(try d.reader.readName())
                case 0x02: return .externalID(try d.reader.readName())
                default: throw d.invalid(kind, "name option", at: at)
                }
            }
            return ExternName(name, encoding: b, attributes: attributes)
        default:
            throw invalid(b, "component name", at: start)
        }
    }

    mutating func export() throws(WasmError) -> ComponentExport {
        let start = reader.offset
        let name = try externName()
        let sort = try externalSort()
        let index = try reader.readU32()
        let type = try optional("optional component export type") { (d: inout SectionDecoder) throws(WasmError) in try d.externType() }
        return ComponentExport(name: name, item: ComponentSortIndex(sort: sort, index: index), type: type, offset: start)
    }

    // MARK: Canonical definitions

    mutating func canonOptions() throws(WasmError) -> [CanonOption] {
        try vector("canonical options") { (d: inout SectionDecoder) throws(WasmError) -> CanonOption in
            let start = d.reader.offset
            let b = try d.reader.readByte()
            switch b {
            case 0x00: return .utf8
            case 0x01: return .utf16
            case 0x02: return .latin1UTF16
            case 0x03: return .memory(try d.reader.readU32())
            case 0x04: return .realloc(try d.reader.readU32())
            case 0x05: return .postReturn(try d.reader.readU32())
            case 0x06: return .async
            case 0x07: return .callback(try d.reader.readU32())
            case 0x08: return .coreType(try d.reader.readU32())
            case 0x09: return .gc
            default: throw d.invalid(b, "canonical option", at: start)
            }
        }
    }

    /// A boolean immediate (`async?`).
    mutating func flag() throws(WasmError) -> Bool {
        let start = reader.offset
        let b = try reader.readByte()
        switch b {
        case 0x00: return false
        case 0x01: return true
        default: throw .malformed("invalid boolean value: 0x\(String(b, radix: 16)) is neither 0x00 nor 0x01", at: start)
        }
    }

    /// `cancel?` of the thread and waitable-set built-ins, a boolean byte (0x01 for
    /// `cancellable`) in the specification this project follows; wasm-tools 1.262 has
    /// dropped it, the suites of the same specification still use it.
    mutating func cancellable() throws(WasmError) -> Bool { try flag() }

    mutating func canon() throws(WasmError) -> Canon {
        let start = reader.offset
        let op = try reader.readByte()
        let kind: Canon.Kind
        switch op {
        case 0x00:
            let z = reader.offset
            let s = try reader.readByte()
            guard s == 0x00 else { throw invalid(s, "canonical function lift", at: z) }
            let f = try reader.readU32()
            let options = try canonOptions()
            kind = .lift(coreFunction: f, options: options, type: try reader.readU32())
        case 0x01:
            let z = reader.offset
            let s = try reader.readByte()
            guard s == 0x00 else { throw invalid(s, "canonical function lower", at: z) }
            let f = try reader.readU32()
            kind = .lower(function: f, options: try canonOptions())
        case 0x02: kind = .resourceNew(type: try reader.readU32())
        case 0x03: kind = .resourceDrop(type: try reader.readU32())
        case 0x04: kind = .resourceRep(type: try reader.readU32())
        case 0x24: kind = .backpressureIncrement
        case 0x25: kind = .backpressureDecrement
        case 0x09:
            let result = try resultList()
            kind = .taskReturn(result: result, options: try canonOptions())
        case 0x05: kind = .taskCancel
        case 0x0A:
            let t = try reader.readValueType()
            kind = .contextGet(type: t, index: try reader.readU32())
        case 0x0B:
            let t = try reader.readValueType()
            kind = .contextSet(type: t, index: try reader.readU32())
        case 0x06: kind = .subtaskCancel(async: try flag())
        case 0x0D: kind = .subtaskDrop
        case 0x0E: kind = .streamNew(type: try reader.readU32())
        case 0x0F:
            let t = try reader.readU32()
            kind = .streamRead(type: t, options: try canonOptions())
        case 0x10:
            let t = try reader.readU32()
            kind = .streamWrite(type: t, options: try canonOptions())
        case 0x11:
            let t = try reader.readU32()
            kind = .streamCancelRead(type: t, async: try flag())
        case 0x12:
            let t = try reader.readU32()
            kind = .streamCancelWrite(type: t, async: try flag())
        case 0x13: kind = .streamDropReadable(type: try reader.readU32())
        case 0x14: kind = .streamDropWritable(type: try reader.readU32())
        case 0x15: kind = .futureNew(type: try reader.readU32())
        case 0x16:
            let t = try reader.readU32()
            kind = .futureRead(type: t, options: try canonOptions())
        case 0x17:
            let t = try reader.readU32()
            kind = .futureWrite(type: t, options: try canonOptions())
        case 0x18:
            let t = try reader.readU32()
            kind = .futureCancelRead(type: t, async: try flag())
        case 0x19:
            let t = try reader.readU32()
            kind = .futureCancelWrite(type: t, async: try flag())
        case 0x1A: kind = .futureDropReadable(type: try reader.readU32())
        case 0x1B: kind = .futureDropWritable(type: try reader.readU32())
        case 0x1C: kind = .errorContextNew(options: try canonOptions())
        case 0x1D: kind = .errorContextDebugMessage(options: try canonOptions())
        case 0x1E: kind = .errorContextDrop
        case 0x1F: kind = .waitableSetNew
        case 0x20:
            let c = try cancellable()
            kind = .waitableSetWait(cancellable: c, memory: try reader.readU32())
        case 0x21:
            let c = try cancellable()
            kind = .waitableSetPoll(cancellable: c, memory: try reader.readU32())
        case 0x22: kind = .waitableSetDrop
        case 0x23: kind = .waitableJoin
        case 0x26: kind = .threadIndex
        case 0x27:
            let t = try reader.readU32()
            kind = .threadNewIndirect(type: t, table: try reader.readU32())
        case 0x28: kind = .threadResumeLater
        case 0x29: kind = .threadSuspend(cancellable: try cancellable())
        case 0x0C: kind = .threadYield(cancellable: try cancellable())
        case 0x2A: kind = .threadSuspendThenResume(cancellable: try cancellable())
        case 0x2B: kind = .threadYieldThenResume(cancellable: try cancellable())
        case 0x2C: kind = .threadSuspendThenPromote(cancellable: try cancellable())
        case 0x2D: kind = .threadYieldThenPromote(cancellable: try cancellable())
        case 0x2E: kind = .streamForward(type: try reader.readU32())
        case 0x2F: kind = .futureForward(type: try reader.readU32())
        case 0x40: kind = .threadSpawnRef(type: try reader.readU32())
        case 0x41:
            let t = try reader.readU32()
            kind = .threadSpawnIndirect(type: t, table: try reader.readU32())
        case 0x42: kind = .threadAvailableParallelism
        default:
            throw invalid(op, "canonical function", at: start)
        }
        return Canon(kind: kind, offset: start)
    }
}

// MARK: The name section

extension ComponentNameSection {
    /// Decodes the payload of the `component-name` custom section: the component's own
    /// name (subsection 0) and names by sort (subsection 1, one per sort).
    public static func decode(_ payload: ArraySlice<UInt8>) throws(WasmError) -> ComponentNameSection {
        var names = ComponentNameSection()
        var r = ByteReader(payload)
        while !r.isAtEnd {
            let idOffset = r.offset
            let id = try r.readByte()
            let size = Int(try r.readU32())
            guard size <= r.remaining else { throw .malformed("name subsection too long", at: idOffset) }
            let s = ByteReader(payload, from: r.offset, to: r.offset + size)
            var d = SectionDecoder(reader: s, depth: 0)
            switch id {
            case 0:
                names.componentName = try d.reader.readName()
            case 1:
                let sort = try d.sort("sort")
                var map: [UInt32: String] = [:]
                let n = try d.reader.readCount(what: "name map")
                for _ in 0..<n {
                    let index = try d.reader.readU32()
                    map[index] = try d.reader.readName()
                }
                names.names[sort] = map
            default:
                break
            }
            try r.skip(size)
        }
        return names
    }
}

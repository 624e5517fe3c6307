/// Encodes a component tree into the binary format of `Binary.md`.
///
/// The tree's sections are written in order and with their grouping, so a decoded
/// component encodes back to the bytes it came from (as long as those bytes used the
/// canonical LEB128 forms). Nested core modules are copied from the bytes they were
/// decoded from when the tree keeps them (`NestedModule.bytes`), and encoded from their
/// tree otherwise; nested components are encoded recursively from their trees.
///
/// The `component-name` custom section: a tree that has one among its `custom` sections
/// gets it back verbatim; a tree without one but with `names` set (a tree built rather
/// than decoded, as the text format builds it) gets one encoded from `names`, last.
///
/// ```swift
/// var c = Component()
/// c.sections.append(.types([.function(ComponentFunctionTypeSyntax(parameters: [], result: nil))]))
/// let bytes = ComponentEncoder().encode(c)   // 00 61 73 6d 0d 00 01 00 07 05 01 40 00 01 00
/// ```
public struct ComponentEncoder: Sendable {
    public init() {}

    /// The component's binary.
    public func encode(_ component: Component) -> [UInt8] {
        encodeWithLayout(component).bytes
    }

    /// The component's binary, and where each section and each of its items landed in
    /// it (the text format maps these ranges back to the definitions it wrote).
    public func encodeWithLayout(_ component: Component) -> (bytes: [UInt8], layout: ComponentLayout) {
        var w = ByteWriter()
        let layout = write(component, into: &w)
        return (w.bytes, layout)
    }

    /// Writes a whole component (preamble included) at the end of `w`; the layout's
    /// ranges are offsets in `w`.
    private func write(_ component: Component, into w: inout ByteWriter) -> ComponentLayout {
        w.append(contentsOf: Self.preamble)
        var layout = ComponentLayout()
        var hasNameSection = false
        for section in component.sections {
            if case .custom(let c) = section, c.name == "component-name" { hasNameSection = true }
            layout.sections.append(write(section, into: &w))
        }
        if !hasNameSection, let names = component.names {
            let payload = names.encode()
            layout.sections.append(writeSection(0, into: &w) { body, items in
                let start = body.count
                body.name("component-name")
                body.append(contentsOf: payload)
                items.append(start..<body.count)
            })
        }
        return layout
    }

    /// `00 61 73 6d`, version `0d 00`, layer `01 00`.
    public static let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]

    /// Writes `id size body`, where `fill` produces the body and the ranges of its items
    /// (relative to the body), and returns the section's layout in `w`'s offsets.
    private func writeSection(_ id: UInt8, into w: inout ByteWriter,
                              nested: [ComponentLayout?] = [],
                              _ fill: (inout ByteWriter, inout [Range<Int>]) -> Void) -> ComponentLayout.Section {
        var body = ByteWriter()
        var items: [Range<Int>] = []
        fill(&body, &items)
        let start = w.count
        w.byte(id)
        w.u32(UInt32(body.count))
        let base = w.count
        w.append(contentsOf: body.bytes)
        return ComponentLayout.Section(
            id: id, range: start..<w.count,
            items: items.map { ($0.lowerBound + base)..<($0.upperBound + base) },
            component: nested.first.flatMap { $0?.shifted(by: base) })
    }

    /// A vector section: the count, then each item as `item` writes it.
    private func writeVector<T>(_ id: UInt8, _ elements: [T], into w: inout ByteWriter,
                                _ item: (inout ByteWriter, T) -> Void) -> ComponentLayout.Section {
        writeSection(id, into: &w) { body, items in
            body.u32(UInt32(elements.count))
            for e in elements {
                let start = body.count
                item(&body, e)
                items.append(start..<body.count)
            }
        }
    }

    private func write(_ section: ComponentSection, into w: inout ByteWriter) -> ComponentLayout.Section {
        switch section {
        case .custom(let c):
            return writeSection(0, into: &w) { body, items in
                body.name(c.name)
                body.append(contentsOf: c.payload)
                items.append(0..<body.count)
            }
        case .coreModule(let m):
            let bytes = m.bytes.isEmpty ? Self.encodeModule(m.module) : Array(m.bytes)
            return writeSection(1, into: &w) { body, items in
                body.append(contentsOf: bytes)
                items.append(0..<body.count)
            }
        case .coreInstances(let instances):
            return writeVector(2, instances, into: &w) { $0.coreInstance($1) }
        case .coreTypes(let types):
            return writeVector(3, types, into: &w) { $0.coreTypeDefinition($1) }
        case .component(let c):
            var inner = ByteWriter()
            let innerLayout = write(c.component, into: &inner)
            return writeSection(4, into: &w, nested: [innerLayout]) { body, items in
                body.append(contentsOf: inner.bytes)
                items.append(0..<body.count)
            }
        case .instances(let instances):
            return writeVector(5, instances, into: &w) { $0.componentInstance($1) }
        case .aliases(let aliases):
            return writeVector(6, aliases, into: &w) { $0.alias($1) }
        case .types(let types):
            return writeVector(7, types, into: &w) { $0.componentTypeDefinition($1) }
        case .canons(let canons):
            return writeVector(8, canons, into: &w) { $0.canon($1) }
        case .start(let s):
            return writeSection(9, into: &w) { body, items in
                body.u32(s.function)
                body.u32(UInt32(s.arguments.count))
                for a in s.arguments { body.u32(a) }
                body.u32(s.resultCount)
                items.append(0..<body.count)
            }
        case .imports(let imports):
            return writeVector(10, imports, into: &w) { b, i in
                b.externName(i.name)
                b.externType(i.type)
            }
        case .exports(let exports):
            return writeVector(11, exports, into: &w) { b, e in
                b.externName(e.name)
                b.sortIndex(e.item)
                if let t = e.type {
                    b.byte(1)
                    b.externType(t)
                } else {
                    b.byte(0)
                }
            }
        }
    }

    /// A nested module without its bytes: encoded from its tree. Function bodies are
    /// copied as they are, which cannot fail.
    private static func encodeModule(_ m: Module) -> [UInt8] {
        do {
            return try ModuleEncoder(reencodeCode: false).encode(m)
        } catch {
            // NB: only re-encoding instructions can throw, and it is off here.
            return []
        }
    }
}

/// Where the sections and items of an encoded component are in its binary.
public struct ComponentLayout: Hashable, Sendable {
    public struct Section: Hashable, Sendable {
        /// The section id (0 for custom sections).
        public var id: UInt8
        /// The whole section, id and size included.
        public var range: Range<Int>
        /// Each item of a vector section; the one item (module, component, start,
        /// custom payload) of the others.
        public var items: [Range<Int>]
        /// The layout of a nested component (section 4).
        public var component: ComponentLayout?

        public init(id: UInt8, range: Range<Int>, items: [Range<Int>], component: ComponentLayout? = nil) {
            self.id = id
            self.range = range
            self.items = items
            self.component = component
        }
    }

    public var sections: [Section] = []

    public init(sections: [Section] = []) {
        self.sections = sections
    }

    /// The same layout for the component written `delta` bytes further on.
    func shifted(by delta: Int) -> ComponentLayout {
        ComponentLayout(sections: sections.map { s in
            Section(id: s.id, range: (s.range.lowerBound + delta)..<(s.range.upperBound + delta),
                    items: s.items.map { ($0.lowerBound + delta)..<($0.upperBound + delta) },
                    component: s.component?.shifted(by: delta))
        })
    }
}

// MARK: Items

/// The encodings of a component's items, each the inverse of what `ComponentDecoder`
/// reads (and with the same discriminant bytes), so that decode → encode is the identity
/// on canonically encoded binaries.
extension ByteWriter {
    mutating func vector<T>(_ elements: [T], _ item: (inout ByteWriter, T) -> Void) {
        u32(UInt32(elements.count))
        for e in elements { item(&self, e) }
    }

    mutating func coreSort(_ s: CoreSort) { byte(s.rawValue) }

    mutating func sort(_ s: ComponentSort) {
        switch s {
        case .core(let c): byte(0x00); coreSort(c)
        case .function: byte(0x01)
        case .value: byte(0x02)
        case .type: byte(0x03)
        case .component: byte(0x04)
        case .instance: byte(0x05)
        }
    }

    mutating func sortIndex(_ s: ComponentSortIndex) {
        sort(s.sort)
        u32(s.index)
    }

    // MARK: Instances

    mutating func coreInstance(_ i: CoreInstance) {
        switch i.expression {
        case .instantiate(let module, let arguments):
            byte(0x00)
            u32(module)
            vector(arguments) { w, a in
                w.name(a.name)
                w.coreSort(.instance)
                w.u32(a.instance)
            }
        case .exports(let exports):
            byte(0x01)
            vector(exports) { w, e in
                w.name(e.name)
                w.coreSort(e.item.sort)
                w.u32(e.item.index)
            }
        }
    }

    mutating func componentInstance(_ i: ComponentInstance) {
        switch i.expression {
        case .instantiate(let component, let arguments):
            byte(0x00)
            u32(component)
            vector(arguments) { w, a in
                w.name(a.name)
                w.sortIndex(a.item)
            }
        case .exports(let exports):
            byte(0x01)
            vector(exports) { w, e in
                w.externName(e.name)
                w.sortIndex(e.item)
            }
        }
    }

    // MARK: Aliases

    mutating func alias(_ a: Alias) {
        sort(a.sort)
        switch a.target {
        case .instanceExport(let instance, let name):
            byte(0x00)
            u32(instance)
            self.name(name)
        case .coreInstanceExport(let instance, let name):
            byte(0x01)
            u32(instance)
            self.name(name)
        case .outer(let count, let index):
            byte(0x02)
            u32(count)
            u32(index)
        }
    }

    // MARK: Core types

    mutating func coreTypeDefinition(_ t: CoreTypeDefinition) {
        switch t {
        case .recGroup(let group):
            // A lone non-final sub type starts with 0x50, which here means a module type:
            // the binary escapes it with 0x00.
            if !group.isExplicit, group.types.count == 1, !group.types[0].isFinal {
                byte(0x00)
            }
            recGroup(group)
        case .module(let declarations):
            byte(0x50)
            vector(declarations) { $0.coreModuleDeclaration($1) }
        }
    }

    mutating func coreModuleDeclaration(_ d: CoreModuleDeclaration) {
        switch d {
        case .import(let i):
            byte(0x00)
            name(i.module)
            name(i.name)
            importDescription(i.description)
        case .type(let t):
            byte(0x01)
            coreTypeDefinition(t)
        case .outerTypeAlias(let count, let index):
            byte(0x02)
            coreSort(.type)
            byte(0x01)
            u32(count)
            u32(index)
        case .export(let n, let type):
            byte(0x03)
            name(n)
            importDescription(type)
        }
    }

    // MARK: Component types

    mutating func componentValType(_ t: ComponentValTypeRef) {
        switch t {
        case .primitive(let p): byte(p.rawValue)
        case .index(let i): signed(Int64(i))
        }
    }

    mutating func optionalValType(_ t: ComponentValTypeRef?) {
        if let t {
            byte(0x01)
            componentValType(t)
        } else {
            byte(0x00)
        }
    }

    mutating func resultList(_ result: ComponentValTypeRef?) {
        if let result {
            byte(0x00)
            componentValType(result)
        } else {
            byte(0x01)
            byte(0x00)
        }
    }

    mutating func labeledValTypes(_ fields: [LabeledValType]) {
        vector(fields) { w, f in
            w.name(f.label)
            w.componentValType(f.type)
        }
    }

    mutating func componentTypeDefinition(_ t: ComponentTypeDefinition) {
        switch t {
        case .defined(let d):
            definedValType(d)
        case .function(let f):
            byte(f.isAsync ? 0x43 : 0x40)
            labeledValTypes(f.parameters)
            resultList(f.result)
        case .component(let declarations):
            byte(0x41)
            vector(declarations) { w, d in
                switch d {
                case .import(let n, let type):
                    w.byte(0x03)
                    w.externName(n)
                    w.externType(type)
                case .instance(let i):
                    w.instanceTypeDeclaration(i)
                }
            }
        case .instance(let declarations):
            byte(0x42)
            vector(declarations) { $0.instanceTypeDeclaration($1) }
        case .resource(let representation, let destructor):
            byte(0x3F)
            valueType(representation)
            if let destructor {
                byte(0x01)
                u32(destructor)
            } else {
                byte(0x00)
            }
        }
    }

    mutating func instanceTypeDeclaration(_ d: InstanceTypeDeclaration) {
        switch d {
        case .coreType(let t):
            byte(0x00)
            coreTypeDefinition(t)
        case .type(let t):
            byte(0x01)
            componentTypeDefinition(t)
        case .alias(let a):
            byte(0x02)
            alias(a)
        case .export(let n, let type):
            byte(0x04)
            externName(n)
            externType(type)
        }
    }

    mutating func definedValType(_ d: DefinedValTypeSyntax) {
        switch d {
        case .primitive(let p):
            byte(p.rawValue)
        case .record(let fields):
            byte(0x72)
            labeledValTypes(fields)
        case .variant(let cases):
            byte(0x71)
            vector(cases) { w, c in
                w.name(c.label)
                w.optionalValType(c.type)
                if let refines = c.refines {
                    w.byte(0x01)
                    w.u32(refines)
                } else {
                    w.byte(0x00)
                }
            }
        case .list(let element):
            byte(0x70)
            componentValType(element)
        case .fixedSizeList(let element, let length):
            byte(0x67)
            componentValType(element)
            u32(length)
        case .tuple(let types):
            byte(0x6F)
            vector(types) { $0.componentValType($1) }
        case .flags(let names):
            byte(0x6E)
            vector(names) { $0.name($1) }
        case .enum(let names):
            byte(0x6D)
            vector(names) { $0.name($1) }
        case .option(let t):
            byte(0x6B)
            componentValType(t)
        case .result(let ok, let error):
            byte(0x6A)
            optionalValType(ok)
            optionalValType(error)
        case .own(let i):
            byte(0x69)
            u32(i)
        case .borrow(let i):
            byte(0x68)
            u32(i)
        case .stream(let t):
            byte(0x66)
            optionalValType(t)
        case .future(let t):
            byte(0x65)
            optionalValType(t)
        case .map(let key, let value):
            byte(0x63)
            componentValType(key)
            componentValType(value)
        }
    }

    mutating func externType(_ t: ComponentExternType) {
        switch t {
        case .module(let coreType):
            byte(0x00)
            coreSort(.module)
            u32(coreType)
        case .function(let i):
            byte(0x01)
            u32(i)
        case .value(let bound):
            byte(0x02)
            switch bound {
            case .type(let v): componentValType(v)
            }
        case .type(let bound):
            byte(0x03)
            switch bound {
            case .equal(let i): byte(0x00); u32(i)
            case .subResource: byte(0x01)
            }
        case .component(let i):
            byte(0x04)
            u32(i)
        case .instance(let i):
            byte(0x05)
            u32(i)
        }
    }

    // MARK: Names

    mutating func externName(_ n: ExternName) {
        byte(n.encoding)
        name(n.name)
        guard n.encoding == 0x02 else { return }
        vector(n.attributes) { w, a in
            switch a {
            case .implements(let s): w.byte(0x00); w.name(s)
            case .versionSuffix(let s): w.byte(0x01); w.name(s)
            case .externalID(let s): w.byte(0x02); w.name(s)
            }
        }
    }

    // MARK: Canonical definitions

    mutating func canonOptions(_ options: [CanonOption]) {
        vector(options) { w, o in
            switch o {
            case .utf8: w.byte(0x00)
            case .utf16: w.byte(0x01)
            case .latin1UTF16: w.byte(0x02)
            case .memory(let i): w.byte(0x03); w.u32(i)
            case .realloc(let i): w.byte(0x04); w.u32(i)
            case .postReturn(let i): w.byte(0x05); w.u32(i)
            case .async: w.byte(0x06)
            case .callback(let i): w.byte(0x07); w.u32(i)
            case .coreType(let i): w.byte(0x08); w.u32(i)
            case .gc: w.byte(0x09)
            }
        }
    }

    mutating func flag(_ b: Bool) { byte(b ? 0x01 : 0x00) }

    mutating func canon(_ c: Canon) {
        switch c.kind {
        case .lift(let f, let options, let type):
            byte(0x00); byte(0x00); u32(f); canonOptions(options); u32(type)
        case .lower(let f, let options):
            byte(0x01); byte(0x00); u32(f); canonOptions(options)
        case .resourceNew(let t): byte(0x02); u32(t)
        case .resourceDrop(let t): byte(0x03); u32(t)
        case .resourceRep(let t): byte(0x04); u32(t)
        case .backpressureIncrement: byte(0x24)
        case .backpressureDecrement: byte(0x25)
        case .taskReturn(let result, let options):
            byte(0x09); resultList(result); canonOptions(options)
        case .taskCancel: byte(0x05)
        case .contextGet(let t, let i): byte(0x0A); valueType(t); u32(i)
        case .contextSet(let t, let i): byte(0x0B); valueType(t); u32(i)
        case .subtaskCancel(let async): byte(0x06); flag(async)
        case .subtaskDrop: byte(0x0D)
        case .streamNew(let t): byte(0x0E); u32(t)
        case .streamRead(let t, let options): byte(0x0F); u32(t); canonOptions(options)
        case .streamWrite(let t, let options): byte(0x10); u32(t); canonOptions(options)
        case .streamCancelRead(let t, let async): byte(0x11); u32(t); flag(async)
        case .streamCancelWrite(let t, let async): byte(0x12); u32(t); flag(async)
        case .streamDropReadable(let t): byte(0x13); u32(t)
        case .streamDropWritable(let t): byte(0x14); u32(t)
        case .futureNew(let t): byte(0x15); u32(t)
        case .futureRead(let t, let options): byte(0x16); u32(t); canonOptions(options)
        case .futureWrite(let t, let options): byte(0x17); u32(t); canonOptions(options)
        case .futureCancelRead(let t, let async): byte(0x18); u32(t); flag(async)
        case .futureCancelWrite(let t, let async): byte(0x19); u32(t); flag(async)
        case .futureDropReadable(let t): byte(0x1A); u32(t)
        case .futureDropWritable(let t): byte(0x1B); u32(t)
        case .errorContextNew(let options): byte(0x1C); canonOptions(options)
        case .errorContextDebugMessage(let options): byte(0x1D); canonOptions(options)
        case .errorContextDrop: byte(0x1E)
        case .waitableSetNew: byte(0x1F)
        case .waitableSetWait(let c, let memory): byte(0x20); flag(c); u32(memory)
        case .waitableSetPoll(let c, let memory): byte(0x21); flag(c); u32(memory)
        case .waitableSetDrop: byte(0x22)
        case .waitableJoin: byte(0x23)
        case .threadIndex: byte(0x26)
        case .threadNewIndirect(let t, let table): byte(0x27); u32(t); u32(table)
        case .threadResumeLater: byte(0x28)
        case .threadSuspend(let c): byte(0x29); flag(c)
        case .threadYield(let c): byte(0x0C); flag(c)
        case .threadSuspendThenResume(let c): byte(0x2A); flag(c)
        case .threadYieldThenResume(let c): byte(0x2B); flag(c)
        case .threadSuspendThenPromote(let c): byte(0x2C); flag(c)
        case .threadYieldThenPromote(let c): byte(0x2D); flag(c)
        case .streamForward(let t): byte(0x2E); u32(t)
        case .futureForward(let t): byte(0x2F); u32(t)
        case .threadSpawnRef(let t): byte(0x40); u32(t)
        case .threadSpawnIndirect(let t, let table): byte(0x41); u32(t); u32(table)
        case .threadAvailableParallelism: byte(0x42)
        }
    }
}

// MARK: The name section

extension ComponentNameSection {
    /// The payload of a `component-name` custom section (its name excluded): the
    /// component's name, then one subsection per sort, sorts and indices in ascending
    /// order so that equal tables always encode to the same bytes.
    public func encode() -> [UInt8] {
        var w = ByteWriter()
        if let componentName {
            w.byte(0)
            w.sized { $0.name(componentName) }
        }
        for (sort, map) in names.sorted(by: { Self.sortKey($0.key) < Self.sortKey($1.key) }) {
            w.byte(1)
            w.sized { s in
                s.sort(sort)
                s.vector(map.sorted { $0.key < $1.key }) { e, entry in
                    e.u32(entry.key)
                    e.name(entry.value)
                }
            }
        }
        return w.bytes
    }

    /// The order of sorts in the section: the sort's encoding read as a number.
    private static func sortKey(_ s: ComponentSort) -> Int {
        switch s {
        case .core(let c): Int(c.rawValue)
        case .function: 0x100
        case .value: 0x200
        case .type: 0x300
        case .component: 0x400
        case .instance: 0x500
        }
    }
}

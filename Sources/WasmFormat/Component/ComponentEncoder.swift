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
        case .values(let values):
            return writeVector(12, values, into: &w) { b, v in
                b.componentValType(v.type)
                b.u32(UInt32(v.bytes.count))
                b.append(contentsOf: v.bytes)
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

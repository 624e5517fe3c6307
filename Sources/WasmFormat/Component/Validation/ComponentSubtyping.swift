/// Why one type is not a subtype of another: reasons from the outermost ("type mismatch
/// in record field `x`") to the innermost ("expected u32, found tuple"), as wasm-tools
/// words them, joined into one message by `description`.
struct TypeMismatch: Error {
    var reasons: [String]

    init(_ reason: String) { reasons = [reason] }

    func within(_ context: String) -> TypeMismatch {
        var m = self
        m.reasons.insert(context, at: 0)
        return m
    }

    var description: String { reasons.joined(separator: ": ") }
}

/// Subtyping between component types (`Explainer.md`, "Type Checking"): structural for
/// value and function types, by export/import names for instance, component and module
/// types, by identity for resources.
///
/// Instantiation supplies resources for the abstract resources a component imports: those
/// are `bindable`, and the first resource matched against one binds it (`bindings`), so
/// that later imports and all exports see the supplied resource.
struct ComponentTypeMatcher {
    let arena: ComponentTypeArena
    var bindable: Set<ResourceID> = []
    var bindings: [ResourceID: ResourceID] = [:]

    init(arena: ComponentTypeArena, bindable: Set<ResourceID> = []) {
        self.arena = arena
        self.bindable = bindable
    }

    /// What an expected-side resource stands for after the bindings so far.
    func bound(_ r: ResourceID) -> ResourceID { bindings[r] ?? r }

    // MARK: Entities

    /// `actual <: expected`.
    mutating func entity(_ actual: ComponentEntityType, _ expected: ComponentEntityType) throws(TypeMismatch) {
        switch (actual, expected) {
        case (.module(let a), .module(let e)):
            try CoreTypeMatcher.module(arena[a], arena[e])
        case (.function(let a), .function(let e)):
            try function(a, e)
        case (.value(let a), .value(let e)):
            try value(a, e)
        case (.type(let a), .type(let e)):
            try type(a, e)
        case (.instance(let a), .instance(let e)):
            try instance(a, e)
        case (.component(let a), .component(let e)):
            try component(a, e)
        default:
            throw TypeMismatch("expected \(expected.sortName), found \(actual.sortName)")
        }
    }

    /// Type exports and imports: a bindable abstract resource takes the actual resource;
    /// everything else must be equal.
    mutating func type(_ a: ComponentTypeID, _ e: ComponentTypeID) throws(TypeMismatch) {
        if a == e { return }
        if case .resource(let er) = arena[e] {
            guard case .resource(let ar) = arena[a] else {
                throw TypeMismatch("expected resource, found \(kindName(arena[a]))")
            }
            if bindable.contains(er), bindings[er] == nil {
                bindings[er] = ar
                return
            }
            guard ar == bound(er) else { throw TypeMismatch("resource types are not the same") }
            return
        }
        switch (arena[a], arena[e]) {
        case (.value, .value): try defined(a, e)
        case (.function, .function): try function(a, e)
        case (.instance, .instance): try instance(a, e)
        case (.component, .component): try component(a, e)
        default: throw TypeMismatch("expected \(kindName(arena[e])), found \(kindName(arena[a]))")
        }
    }

    func kindName(_ entry: ComponentTypeEntry) -> String {
        switch entry {
        case .value(let d): d.kindName
        case .function: "func"
        case .instance: "instance"
        case .component: "component"
        case .resource: "resource"
        }
    }

    // MARK: Functions, instances, components

    mutating func function(_ a: ComponentTypeID, _ e: ComponentTypeID) throws(TypeMismatch) {
        guard let fa = arena.function(a), let fe = arena.function(e) else { throw TypeMismatch("expected func") }
        if fa.isAsync != fe.isAsync {
            throw TypeMismatch(fe.isAsync ? "expected async function, found synchronous function"
                                          : "expected synchronous function, found async function")
        }
        guard fa.parameters.count == fe.parameters.count else {
            throw TypeMismatch("expected \(fe.parameters.count) parameters, found \(fa.parameters.count)")
        }
        for (pa, pe) in zip(fa.parameters, fe.parameters) {
            guard pa.name == pe.name else { throw TypeMismatch("expected parameter named `\(pe.name)`, found `\(pa.name)`") }
            do throws(TypeMismatch) {
                try value(pa.type, pe.type)
            } catch {
                throw error.within("type mismatch in function parameter `\(pe.name)`")
            }
        }
        switch (fa.result, fe.result) {
        case (nil, nil): break
        // Worded as wasm-tools words it, from the supplied function's side.
        case (.some, nil): throw TypeMismatch("expected a result, found none")
        case (nil, .some): throw TypeMismatch("expected no result, found one")
        case (.some(let ra), .some(let re)):
            do throws(TypeMismatch) {
                try value(ra, re)
            } catch {
                throw error.within("type mismatch with result type")
            }
        }
    }

    mutating func instance(_ a: ComponentTypeID, _ e: ComponentTypeID) throws(TypeMismatch) {
        guard let ia = arena.instance(a), let ie = arena.instance(e) else { throw TypeMismatch("expected instance") }
        for x in ie.exports {
            guard let t = ia.export(named: x.name) else { throw TypeMismatch("missing expected export `\(x.name)`") }
            do throws(TypeMismatch) {
                try entity(t, x.type)
            } catch {
                throw error.within("type mismatch in instance export `\(x.name)`")
            }
        }
    }

    /// A component `a` may stand for `e` if it imports no more (each of its imports
    /// accepting what `e`'s import would be given) and exports no less.
    mutating func component(_ a: ComponentTypeID, _ e: ComponentTypeID) throws(TypeMismatch) {
        guard let ca = arena.component(a), let ce = arena.component(e) else { throw TypeMismatch("expected component") }
        bindable.formUnion(ca.importedResources)
        bindable.formUnion(ce.exportedResources)
        for x in ca.imports {
            guard let t = ce.imports.first(where: { $0.name == x.name }) else {
                throw TypeMismatch("missing expected import `\(x.name)`")
            }
            do throws(TypeMismatch) {
                try entity(t.type, x.type)
            } catch {
                throw error.within("type mismatch in import `\(x.name)`")
            }
        }
        for x in ce.exports {
            guard let t = ca.exports.first(where: { $0.name == x.name }) else {
                throw TypeMismatch("missing expected export `\(x.name)`")
            }
            do throws(TypeMismatch) {
                try entity(t.type, x.type)
            } catch {
                throw error.within("type mismatch in export `\(x.name)`")
            }
        }
    }

    // MARK: Value types

    func primitive(_ v: ComponentValueType) -> PrimitiveValueType? {
        switch v {
        case .primitive(let p): return p
        case .defined(let id):
            if case .primitive(let p) = arena.valueType(id) { return p }
            return nil
        }
    }

    mutating func value(_ a: ComponentValueType, _ e: ComponentValueType) throws(TypeMismatch) {
        switch (a, e) {
        case (.primitive(let pa), .primitive(let pe)):
            guard pa == pe else { throw TypeMismatch("expected primitive `\(pe.name)` found primitive `\(pa.name)`") }
        case (.defined(let da), .primitive(let pe)):
            guard let pa = primitive(a) else { throw TypeMismatch("expected \(pe.name), found \(kindName(arena[da]))") }
            guard pa == pe else { throw TypeMismatch("expected primitive `\(pe.name)` found primitive `\(pa.name)`") }
        case (.primitive(let pa), .defined(let de)):
            guard let pe = primitive(e) else { throw TypeMismatch("expected \(kindName(arena[de])), found \(pa.name)") }
            guard pa == pe else { throw TypeMismatch("expected primitive `\(pe.name)` found primitive `\(pa.name)`") }
        case (.defined(let da), .defined(let de)):
            try defined(da, de)
        }
    }

    mutating func optional(_ a: ComponentValueType?, _ e: ComponentValueType?, _ context: String) throws(TypeMismatch) {
        switch (a, e) {
        case (nil, nil): return
        case (.some(let a), .some(let e)):
            do throws(TypeMismatch) { try value(a, e) } catch { throw error.within(context) }
        default:
            throw TypeMismatch(e == nil ? "expected no type, found one" : "expected a type, found none")
        }
    }

    mutating func resource(_ a: ComponentTypeID, _ e: ComponentTypeID) throws(TypeMismatch) {
        guard let ra = arena.resource(a), let re = arena.resource(e), ra == bound(re) else {
            throw TypeMismatch("resource types are not the same")
        }
    }

    mutating func defined(_ a: ComponentTypeID, _ e: ComponentTypeID) throws(TypeMismatch) {
        if a == e { return }
        guard let da = arena.valueType(a), let de = arena.valueType(e) else {
            throw TypeMismatch("expected \(kindName(arena[e])), found \(kindName(arena[a]))")
        }
        switch (da, de) {
        case (.primitive(let pa), .primitive(let pe)):
            guard pa == pe else { throw TypeMismatch("expected primitive `\(pe.name)` found primitive `\(pa.name)`") }
        case (_, .primitive):
            throw TypeMismatch("expected primitive, found \(da.kindName)")
        case (.record(let fa), .record(let fe)):
            guard fa.count == fe.count else { throw TypeMismatch("expected \(fe.count) fields, found \(fa.count)") }
            for (x, y) in zip(fa, fe) {
                guard x.label == y.label else { throw TypeMismatch("expected field name `\(y.label)`, found `\(x.label)`") }
                do throws(TypeMismatch) { try value(x.type, y.type) } catch {
                    throw error.within("type mismatch in record field `\(y.label)`")
                }
            }
        case (.variant(let ca), .variant(let ce)):
            guard ca.count == ce.count else { throw TypeMismatch("expected \(ce.count) cases, found \(ca.count)") }
            for (x, y) in zip(ca, ce) {
                guard x.label == y.label else { throw TypeMismatch("expected case named `\(y.label)`, found `\(x.label)`") }
                switch (x.type, y.type) {
                case (nil, nil): break
                case (nil, .some): throw TypeMismatch("expected case `\(y.label)` to have a type, found none")
                case (.some, nil): throw TypeMismatch("expected case `\(y.label)` to have no type")
                case (.some(let tx), .some(let ty)):
                    do throws(TypeMismatch) { try value(tx, ty) } catch {
                        throw error.within("type mismatch in variant case `\(y.label)`")
                    }
                }
            }
        case (.list(let x), .list(let y)):
            do throws(TypeMismatch) { try value(x, y) } catch { throw error.within("type mismatch in list element") }
        case (.fixedSizeList(let x, let n), .fixedSizeList(let y, let m)):
            guard n == m else { throw TypeMismatch("expected list of length \(m), found \(n)") }
            do throws(TypeMismatch) { try value(x, y) } catch { throw error.within("type mismatch in list element") }
        case (.tuple(let x), .tuple(let y)):
            guard x.count == y.count else { throw TypeMismatch("expected \(y.count) types, found \(x.count)") }
            for (i, (tx, ty)) in zip(x, y).enumerated() {
                do throws(TypeMismatch) { try value(tx, ty) } catch { throw error.within("type mismatch in tuple field \(i)") }
            }
        case (.flags(let x), .flags(let y)):
            guard x == y else { throw TypeMismatch("mismatch in flags elements") }
        case (.enum(let x), .enum(let y)):
            guard x == y else { throw TypeMismatch("mismatch in enum elements") }
        case (.option(let x), .option(let y)):
            do throws(TypeMismatch) { try value(x, y) } catch { throw error.within("type mismatch in option") }
        case (.result(let okA, let errA), .result(let okE, let errE)):
            switch (okA, okE) {
            case (nil, nil): break
            case (.some, nil): throw TypeMismatch("expected ok type to not be present")
            case (nil, .some): throw TypeMismatch("expected ok type, but found none")
            case (.some(let x), .some(let y)):
                do throws(TypeMismatch) { try value(x, y) } catch { throw error.within("type mismatch in ok variant") }
            }
            switch (errA, errE) {
            case (nil, nil): break
            case (.some, nil): throw TypeMismatch("expected err type to not be present")
            case (nil, .some): throw TypeMismatch("expected err type, but found none")
            case (.some(let x), .some(let y)):
                do throws(TypeMismatch) { try value(x, y) } catch { throw error.within("type mismatch in err variant") }
            }
        case (.own(let x), .own(let y)), (.borrow(let x), .borrow(let y)):
            try resource(x, y)
        case (.stream(let x), .stream(let y)):
            try optional(x, y, "type mismatch in stream payload")
        case (.future(let x), .future(let y)):
            try optional(x, y, "type mismatch in future payload")
        case (.map(let ka, let va), .map(let ke, let ve)):
            do throws(TypeMismatch) { try value(ka, ke) } catch { throw error.within("type mismatch in map key") }
            do throws(TypeMismatch) { try value(va, ve) } catch { throw error.within("type mismatch in map value") }
        default:
            throw TypeMismatch("expected \(de.kindName), found \(da.kindName)")
        }
    }
}

/// Matching of core types: module types by import and export names, and the core
/// external types as core WebAssembly's import matching defines them.
enum CoreTypeMatcher {
    /// `a <: b` for module types: `a` imports no more, exports no less.
    static func module(_ a: CoreModuleType, _ b: CoreModuleType) throws(TypeMismatch) {
        for x in a.imports {
            guard let y = b.imports.first(where: { $0.module == x.module && $0.name == x.name }) else {
                throw TypeMismatch("missing expected import `\(x.module)::\(x.name)`")
            }
            do throws(TypeMismatch) { try extern(y.type, x.type) } catch {
                throw error.within("type mismatch in import `\(x.module)::\(x.name)`")
            }
        }
        for y in b.exports {
            guard let x = a.exports.first(where: { $0.name == y.name }) else {
                throw TypeMismatch("missing expected export `\(y.name)`")
            }
            do throws(TypeMismatch) { try extern(x.type, y.type) } catch {
                throw error.within("type mismatch in export `\(y.name)`")
            }
        }
    }

    /// `a <: b` for core external types.
    static func extern(_ a: CoreExternType, _ b: CoreExternType) throws(TypeMismatch) {
        switch (a, b) {
        case (.function(let fa), .function(let fb)):
            guard fa == fb else {
                throw TypeMismatch("expected: \(CoreTypeText.function(fb))\nfound:    \(CoreTypeText.function(fa))")
            }
        case (.tag(let fa), .tag(let fb)):
            guard fa == fb else {
                throw TypeMismatch("expected tag of type \(CoreTypeText.function(fb)), found \(CoreTypeText.function(fa))")
            }
        case (.global(let ga), .global(let gb)):
            guard ga.mutable == gb.mutable else { throw TypeMismatch("global types differ in mutability") }
            guard ga.valueType == gb.valueType else {
                throw TypeMismatch("expected global type \(CoreTypeText.value(gb.valueType)), found \(CoreTypeText.value(ga.valueType))")
            }
        case (.table(let ta), .table(let tb)):
            guard ta.elementType == tb.elementType else {
                throw TypeMismatch("expected table element type \(CoreTypeText.reference(tb.elementType)), found \(CoreTypeText.reference(ta.elementType))")
            }
            guard ta.limits.addressType == tb.limits.addressType else { throw TypeMismatch("mismatch in index type used for tables") }
            guard limitsMatch(ta.limits, tb.limits) else { throw TypeMismatch("mismatch in table limits") }
        case (.memory(let ma), .memory(let mb)):
            guard ma.limits.shared == mb.limits.shared else { throw TypeMismatch("mismatch in the shared flag for memories") }
            guard ma.limits.addressType == mb.limits.addressType else { throw TypeMismatch("mismatch in index type used for memories") }
            guard limitsMatch(ma.limits, mb.limits) else { throw TypeMismatch("mismatch in memory limits") }
            guard (ma.limits.pageSizeLog2 ?? 16) == (mb.limits.pageSizeLog2 ?? 16) else {
                throw TypeMismatch("mismatch in page size for memories")
            }
        default:
            throw TypeMismatch("expected \(b.kindName), found \(a.kindName)")
        }
    }

    static func limitsMatch(_ a: Limits, _ b: Limits) -> Bool {
        guard a.min >= b.min else { return false }
        guard let bmax = b.max else { return true }
        guard let amax = a.max else { return false }
        return amax <= bmax
    }
}

/// Core types written as the text format writes them, for messages.
enum CoreTypeText {
    static func value(_ v: ValueType) -> String {
        switch v {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let r): reference(r)
        }
    }

    static func reference(_ r: RefType) -> String {
        switch r.heapType {
        case .abstract(let a) where r.nullable: "\(a.name)ref"
        case .abstract(let a): "(ref \(a.name))"
        case .concrete(let i): r.nullable ? "(ref null \(i))" : "(ref \(i))"
        }
    }

    static func function(_ f: FunctionType) -> String {
        var s = "(func"
        if !f.parameters.isEmpty { s += " (param " + f.parameters.map(value).joined(separator: " ") + ")" }
        if !f.results.isEmpty { s += " (result " + f.results.map(value).joined(separator: " ") + ")" }
        return s + ")"
    }
}

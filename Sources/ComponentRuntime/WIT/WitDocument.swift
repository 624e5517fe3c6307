import WasmFormat

/// A component's type information as WIT: its world `root` of package `root:component`
/// (imports and exports), and the interfaces they name grouped by package, with their
/// types, resources and functions; types one interface takes from another appear as
/// `use`. This is the shape `wasm-tools component wit` prints.
///
/// Building it needs only the validated types (decode and validate; nothing is
/// instantiated), so it is cheap even for large components.
///
/// ```swift
/// let wit = WitDocument(try ComponentValidator().validate(component))
/// print(wit.text)
/// ```
public struct WitDocument: Sendable {
    let arena: ComponentTypeArena
    let interfaces: [WitInterface]
    let world: WitWorld
    /// Every name any interface or the world gives, the first one winning: how types are
    /// spelled outside the scope that names them.
    let names: WitScope

    public init(_ component: ValidatedComponent) {
        var resolver = WitResolver(arena: component.types)
        resolver.resolve(imports: component.imports, exports: component.exports)
        arena = component.types
        interfaces = resolver.interfaces
        world = resolver.world
        var all = world.body.scope
        for i in interfaces {
            all.typeNames.merge(i.body.scope.typeNames) { first, _ in first }
            all.resourceNames.merge(i.body.scope.resourceNames) { first, _ in first }
        }
        names = all
    }

    /// The whole document: the world, then the packages of its interfaces.
    public var text: String { WitPrinter(document: self).text() }

    /// How WIT writes `type` where it is used (`list<point>`, `borrow<counter>`), named
    /// types by the name an interface or the world gives them.
    public func spelling(of type: ComponentValueType) -> String {
        WitPrinter(document: self).spelling(of: type, in: WitScope())
    }

    /// `func(a: u32, b: string) -> u32`, named types as in `spelling(of:)`.
    public func signature(of function: ComponentFunctionType) -> String {
        WitPrinter(document: self).signature(function, dropSelf: false, in: WitScope())
    }

}

/// Walks the root's imports and exports in order, making interfaces and naming types.
struct WitResolver {
    let arena: ComponentTypeArena
    var interfaces: [WitInterface] = []
    var world = WitWorld()
    /// Where each named type was first declared, and under which name.
    var owners: [ComponentTypeID: (owner: WitOwner, name: String)] = [:]
    var resourceOwners: [ResourceID: (owner: WitOwner, name: String)] = [:]
    var interfaceIndex: [WitInterfaceName: Int] = [:]

    init(arena: ComponentTypeArena) {
        self.arena = arena
    }

    mutating func resolve(imports: [ComponentTypedName], exports: [ComponentTypedName]) {
        for i in imports {
            if let item = worldItem(i) { world.imports.append(item) }
        }
        for e in exports {
            if let item = worldItem(e) { world.exports.append(item) }
        }
    }

    /// The world item for one import or export; nil for types, which the world body declares.
    mutating func worldItem(_ item: ComponentTypedName) -> WitWorldItem? {
        switch item.type {
        case .instance(let t):
            let exports = arena.instance(t)?.exports ?? []
            if let name = WitInterfaceName(item.name) {
                if let known = interfaceIndex[name] { return .interface(known) }
                let index = addInterface(WitInterface(name: name), exports)
                interfaceIndex[name] = index
                return .interface(index)
            }
            return .inlineInterface(name: item.name, addInterface(WitInterface(name: nil), exports))
        case .function(let f):
            let function = WitFunction(name: item.name, type: f)
            if WitFunctionRole(item.name).resource != nil {
                world.body.functions.append(function)
                return nil
            }
            return .function(function)
        case .type(let t):
            var body = world.body
            declare(item.name, t, in: .world, body: &body)
            world.body = body
            return nil
        case .module, .value, .component:
            return .unsupported(WitUnsupportedItem(name: item.name, sort: item.type.sortName))
        }
    }

    mutating func addInterface(_ interface: WitInterface, _ exports: [ComponentTypedName]) -> Int {
        let index = interfaces.count
        var body = WitBody()
        for e in exports {
            switch e.type {
            case .type(let t): declare(e.name, t, in: .interface(index), body: &body)
            case .function(let f): body.functions.append(WitFunction(name: e.name, type: f))
            default: body.unsupported.append(WitUnsupportedItem(name: e.name, sort: e.type.sortName))
            }
        }
        var done = interface
        done.body = body
        interfaces.append(done)
        return index
    }

    /// A type exported by name from `owner`: a `use` when it renames a type another
    /// interface declared, an alias when it renames one of this owner's, otherwise a
    /// definition.
    mutating func declare(_ name: String, _ id: ComponentTypeID, in owner: WitOwner, body: inout WitBody) {
        body.scope.declare(name, for: id, in: arena)
        defer {
            if owners[id] == nil { owners[id] = (owner, name) }
            if let r = arena.resource(id), resourceOwners[r] == nil { resourceOwners[r] = (owner, name) }
        }
        if let source = origin(of: id) {
            if source.owner == owner {
                body.types.append(.alias(name: name, of: source.name))
                return
            }
            // Only named interfaces can be used from; anything else is declared afresh.
            if case .interface(let i) = source.owner, interfaces[i].name != nil {
                body.uses.append(WitUse(source: i, name: source.name, localName: name))
                return
            }
        }
        body.types.append(.definition(name: name, type: id))
    }

    /// The earlier declaration `id` renames: along its chain of renamings, then (for a
    /// resource reached through a copy) by resource identity.
    func origin(of id: ComponentTypeID) -> (owner: WitOwner, name: String)? {
        var cursor = arena.renamed(id)
        while let c = cursor {
            if let o = owners[c] { return o }
            cursor = arena.renamed(c)
        }
        if let r = arena.resource(id) { return resourceOwners[r] }
        return nil
    }
}

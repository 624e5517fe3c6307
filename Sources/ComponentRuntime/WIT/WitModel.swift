import WasmFormat

/// The WIT view of a component, resolved from its validated types: which interfaces its
/// imports and exports are, which types each one declares or `use`s, and the world that
/// imports and exports them. `WitPrinter` turns it into text.
///
/// Types are the arena's; the model only adds names. A type gets its name where an
/// instance type (or the component itself) exports it by name, the way WIT's own encoding
/// names types; the first exporter owns it, and later ones refer to it with `use`.

/// Who declares a named type.
enum WitOwner: Hashable {
    case interface(Int)
    case world
}

/// The type names visible in one interface or in the world.
struct WitScope {
    var typeNames: [ComponentTypeID: String] = [:]
    var resourceNames: [ResourceID: String] = [:]

    mutating func declare(_ name: String, for id: ComponentTypeID, in arena: ComponentTypeArena) {
        if typeNames[id] == nil { typeNames[id] = name }
        if let r = arena.resource(id), resourceNames[r] == nil { resourceNames[r] = name }
    }

    /// The name `id` is known by here: its own, that of a type it renames, or for a
    /// resource type that of its resource (handles may reach it through another identity).
    func name(of id: ComponentTypeID, in arena: ComponentTypeArena) -> String? {
        var cursor: ComponentTypeID? = id
        while let c = cursor {
            if let n = typeNames[c] { return n }
            cursor = arena.renamed(c)
        }
        if let r = arena.resource(id) { return resourceNames[r] }
        return nil
    }
}

/// `use source.{name as localName}`.
struct WitUse {
    var source: Int
    var name: String
    var localName: String
}

/// A type an interface or the world declares.
enum WitTypeItem {
    /// `record name {…}`, `resource name`, `type name = …`: the arena type's structure.
    case definition(name: String, type: ComponentTypeID)
    /// `type name = other`: a second name for a type declared in the same place.
    case alias(name: String, of: String)
}

struct WitFunction {
    var name: String
    var type: ComponentTypeID
}

/// An import or export WIT cannot express (core modules, components, values), kept so
/// the printed text still says it is there.
struct WitUnsupportedItem {
    var name: String
    var sort: String
}

/// What an interface, or the world, declares: types (with the functions of its resources)
/// and functions.
struct WitBody {
    var uses: [WitUse] = []
    var types: [WitTypeItem] = []
    var functions: [WitFunction] = []
    var unsupported: [WitUnsupportedItem] = []
    var scope = WitScope()

    /// The resources this body defines, by name: their functions are printed inside them.
    func definedResources(in arena: ComponentTypeArena) -> Set<String> {
        var names: Set<String> = []
        for case .definition(let name, let id) in types where arena.resource(id) != nil { names.insert(name) }
        return names
    }
}

struct WitInterface {
    /// Nil for an inline interface (`import name: interface {…}`).
    var name: WitInterfaceName?
    var body = WitBody()
}

enum WitWorldItem {
    case interface(Int)
    case inlineInterface(name: String, Int)
    case function(WitFunction)
    case unsupported(WitUnsupportedItem)
}

struct WitWorld {
    var imports: [WitWorldItem] = []
    var exports: [WitWorldItem] = []
    /// The world's own types (type imports and exports) and its resources' functions.
    var body = WitBody()
}

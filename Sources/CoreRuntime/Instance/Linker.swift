import WasmFormat

/// Definitions by (module, name) that satisfy a core module's imports, so callers need
/// not line imports up by position: host functions written in Swift, the exports of other
/// instances, and any table, memory, global or tag.
///
/// A later definition of the same name replaces the earlier one (a REPL user redefining a
/// stub expects that). Resolution happens per instantiation, so definitions added after a
/// module was compiled are seen.
public final class Linker {
    public let store: Store
    private var definitions: [Key: Extern] = [:]

    private struct Key: Hashable {
        let module: [UInt8]
        let name: [UInt8]
        // Names compare by bytes: distinct Unicode spellings are distinct names in wasm.
        init(_ module: String, _ name: String) {
            self.module = Array(module.utf8)
            self.name = Array(name.utf8)
        }
    }

    public init(store: Store) {
        self.store = store
    }

    /// Defines `module`.`name`.
    public func define(_ module: String, _ name: String, _ value: Extern) {
        definitions[Key(module, name)] = value
    }

    /// Defines a host function `module`.`name` of the given type.
    public func defineFunction(_ module: String, _ name: String, type: FunctionType,
                               _ body: @escaping HostFunctionBody) {
        define(module, name, .function(store.hostFunction(name: "\(module).\(name)", type: type, body)))
    }

    /// Defines every export of `instance` under the module name `module`.
    public func defineInstance(_ module: String, _ instance: Instance) {
        for (name, value) in instance.exports { define(module, name, value) }
    }

    /// What `module`.`name` is defined as, if anything.
    public func definition(_ module: String, _ name: String) -> Extern? {
        definitions[Key(module, name)]
    }

    /// The definitions for a module's imports, in import order; a missing one is an
    /// "unknown import" error naming it and the type it needs.
    public func resolveImports(of module: CompiledModule) throws(RuntimeError) -> [Extern] {
        var resolved: [Extern] = []
        resolved.reserveCapacity(module.module.imports.count)
        for imp in module.module.imports {
            guard let value = definitions[Key(imp.module, imp.name)] else {
                throw RuntimeError(.unlinkable, "unknown import: \"\(imp.module)\" \"\(imp.name)\" has not been defined (it needs a \(imp.description.kind.name))")
            }
            resolved.append(value)
        }
        return resolved
    }

    /// Instantiates `module` with its imports resolved by name; types are checked as
    /// `Store.instantiate` checks them.
    public func instantiate(_ module: CompiledModule) throws -> Instance {
        try store.instantiate(module, imports: try resolveImports(of: module))
    }
}

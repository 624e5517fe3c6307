import CoreRuntime
import WasmFormat

/// A component function written in Swift: component values in, component values out
/// (zero or one result).
public typealias HostComponentFunction = ([Val]) throws -> [Val]

/// What a name of a `ComponentLinker` is defined as.
public enum LinkerDefinition {
    /// A function; with a type, imports are checked against it when linking, without
    /// one it accepts whatever the component declares (a dynamic function).
    case function(FuncType?, HostComponentFunction)
    /// An instance: a namespace of further definitions.
    case instance(LinkerNamespace)
    case resource(ResourceType)
    case module(CompiledModule)

    var kindName: String {
        switch self {
        case .function: "function"
        case .instance: "instance"
        case .resource: "resource type"
        case .module: "core module"
        }
    }
}

/// Definitions by name: the root of a linker, or an instance inside it.
public final class LinkerNamespace {
    public private(set) var definitions: [(name: String, definition: LinkerDefinition)] = []

    public init() {}

    /// Defines (or redefines) `name`.
    public func define(_ name: String, _ definition: LinkerDefinition) {
        if let i = definitions.firstIndex(where: { $0.name == name }) {
            definitions[i].definition = definition
        } else {
            definitions.append((name, definition))
        }
    }

    public func function(_ name: String, type: FuncType? = nil, _ body: @escaping HostComponentFunction) {
        define(name, .function(type, body))
    }

    public func resource(_ name: String, _ type: ResourceType) {
        define(name, .resource(type))
    }

    /// The instance namespace `name`, made empty when it does not exist yet.
    public func instance(_ name: String) -> LinkerNamespace {
        if case .instance(let ns)? = definitions.first(where: { $0.name == name })?.definition { return ns }
        let ns = LinkerNamespace()
        define(name, .instance(ns))
        return ns
    }

    /// The definition of `name`, matching interface versions as semver allows: an import
    /// of `wasi:cli/run@0.2.9` finds a definition of `wasi:cli/run@0.2.0` (same major
    /// version, or same minor for 0.x), the newest when there are several.
    public func lookup(_ name: String) -> LinkerDefinition? {
        if let d = definitions.first(where: { $0.name == name }) { return d.definition }
        guard let wanted = VersionedName(name) else { return nil }
        var best: (VersionedName, LinkerDefinition)?
        for (n, d) in definitions {
            guard let have = VersionedName(n), have.base == wanted.base, have.track == wanted.track else { continue }
            if best == nil || best!.0.version.lexicographicallyPrecedes(have.version) { best = (have, d) }
        }
        return best?.1
    }
}

/// An interface name with a semver suffix, split for compatible matching.
struct VersionedName {
    let base: String
    let version: [Int]
    /// What must agree for two versions to be compatible: the major version, or for 0.x
    /// the minor too, or for 0.0.x the patch too.
    let track: [Int]

    init?(_ name: String) {
        guard let at = name.lastIndex(of: "@") else { return nil }
        base = String(name[..<at])
        let core = name[name.index(after: at)...].split(separator: "-", maxSplits: 1).first ?? ""
        let parts = core.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        version = parts
        track = parts[0] != 0 ? [parts[0]] : parts[1] != 0 ? [0, parts[1]] : parts
    }
}

/// Host definitions that satisfy components' imports.
public final class ComponentLinker {
    public let root = LinkerNamespace()

    public init() {}

    /// Checks and resolves every import of a component once, so that many instances can
    /// be made from the result.
    public func instantiatePre(_ component: CompiledComponent) throws(LinkError) -> InstancePre {
        let plan = component.plan
        try checkRootImportKinds(plan)
        var resolved: [ResolvedImport] = []
        var resources: [Int: ResourceType] = [:]
        for ri in plan.runtimeImports {
            let root = plan.imports[ri.rootImport]
            let display = ([root.name] + ri.path).joined(separator: "/")
            var definition = self.root.lookup(root.name)
            for n in ri.path {
                guard case .instance(let ns)? = definition else { definition = nil; break }
                definition = ns.lookup(n)
            }
            let expected = Self.expectedDescription(ri, plan)
            if definition == nil, case .sameResource(let r) = ri.kind, let earlier = resources[r] {
                // A type an interface `use`s from another needs no definition of its own
                // (WASI hosts define `error` in `wasi:io/error` only); when one is given it
                // must be the same resource.
                resolved.append(.resource(earlier))
                continue
            }
            guard let definition else {
                throw LinkError(importName: display, message: "import \"\(display)\" has not been defined: a matching implementation was not found in the linker", expected: expected, provided: nil)
            }
            func mismatch(_ why: String, provided: String) -> LinkError {
                LinkError(importName: display, message: "import \"\(display)\" \(why)", expected: expected, provided: provided)
            }
            switch (ri.kind, definition) {
            case (.function(let want), .function(let have, let body)):
                if let have, !want.matches(have, sameResource: { _, _ in true }) {
                    throw mismatch("has the wrong type", provided: have.wit())
                }
                resolved.append(.function(body))
            case (.module(let want), .module(let m)):
                if let want, let why = CoreModuleType(of: m.validated).mismatch(against: want) {
                    throw mismatch("has the wrong type: \(why)", provided: "a core module that does not match")
                }
                resolved.append(.module(m))
            case (.resource, .resource(let t)):
                if let r = ri.resource { resources[r] = t }
                resolved.append(.resource(t))
            case (.sameResource(let r), .resource(let t)):
                if let earlier = resources[r], earlier !== t {
                    throw mismatch("has mismatched resource types: it must be the resource \(earlier.name)", provided: "resource \(t.name)")
                }
                resolved.append(.resource(t))
            default:
                throw mismatch("is defined as a \(definition.kindName)", provided: definition.kindName)
            }
        }
        return InstancePre(component: component, imports: resolved, importedResources: resources)
    }

    /// A root import that is defined must be defined as the right kind of thing ("expected
    /// instance found func"); one that is not defined is an error only when something in
    /// it is needed (an empty instance may be left out), which the runtime imports check.
    private func checkRootImportKinds(_ plan: ComponentPlan) throws(LinkError) {
        for i in plan.imports {
            guard let definition = root.lookup(i.name) else { continue }
            let wanted: String
            switch i.type {
            case .function: wanted = "function"
            case .instance: wanted = "instance"
            case .resource: wanted = "resource type"
            case .module: wanted = "core module"
            case .type, .component: continue
            }
            guard definition.kindName == wanted else {
                throw LinkError(importName: i.name, message: "import \"\(i.name)\": expected \(wanted) found \(definition.kindName)",
                                expected: wanted, provided: definition.kindName)
            }
        }
    }

    static func expectedDescription(_ ri: RuntimeImport, _ plan: ComponentPlan) -> String {
        switch ri.kind {
        case .function(let f): f.wit { plan.resources[$0.index].name }
        case .module: "core module"
        case .resource, .sameResource: "resource"
        }
    }
}

/// A definition the linker found for a runtime import.
enum ResolvedImport {
    case function(HostComponentFunction)
    case module(CompiledModule)
    case resource(ResourceType)
}

/// An import that could not be satisfied: which one, and the types side by side.
public struct LinkError: Error, CustomStringConvertible {
    public var importName: String
    public var message: String
    public var expected: String
    public var provided: String?

    public var description: String {
        var s = message + "\n  expected: \(expected)"
        s += "\n  provided: \(provided ?? "nothing")"
        return s
    }
}

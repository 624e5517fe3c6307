import CoreRuntime
import WasmFormat

/// A component ready to instantiate: decoded, planned, and its core modules compiled
/// (their function bodies are translated lazily, on first call).
public final class CompiledComponent: @unchecked Sendable {
    public let syntax: Component
    public let plan: ComponentPlan
    /// The compiled core modules, in `plan.modules` order.
    public let modules: [CompiledModule]

    /// Decodes a component binary and prepares it.
    public convenience init(bytes: [UInt8]) throws {
        try self.init(component: try ComponentDecoder().decode(bytes))
    }

    /// Validates a decoded component and prepares it. By default only the proposals
    /// wasm-tools accepts by default are: the toolchains' components need nothing more.
    public convenience init(component: Component, features: ComponentFeatures = .default) throws {
        try self.init(validated: try ComponentValidator(features: features).validate(component))
    }

    public init(validated: ValidatedComponent) throws {
        syntax = validated.component
        plan = try PlanBuilder.plan(validated)
        var modules: [CompiledModule] = []
        for (i, m) in plan.modules.enumerated() {
            do {
                modules.append(try CompiledModule(validated: m.validated))
            } catch {
                throw PlanError("core module #\(i) cannot be compiled: \(error)", offset: m.module.offset, component: m.component)
            }
        }
        self.modules = modules
    }
}

/// A component whose imports are resolved and checked: instantiating it only runs the
/// plan.
public final class InstancePre {
    public let component: CompiledComponent
    let imports: [ResolvedImport]
    /// Imported resource types by plan resource index.
    let importedResources: [Int: ResourceType]

    init(component: CompiledComponent, imports: [ResolvedImport], importedResources: [Int: ResourceType]) {
        self.component = component
        self.imports = imports
        self.importedResources = importedResources
    }

    /// A new instantiation, stopped before its first initializer.
    public func instantiator(in store: Store) -> Instantiator {
        Instantiator(instance: ComponentInstance(pre: self, store: store))
    }

    /// Instantiates: runs every initializer.
    public func instantiate(in store: Store) throws(InstantiationError) -> ComponentInstance {
        let i = instantiator(in: store)
        try i.run()
        return i.instance
    }
}

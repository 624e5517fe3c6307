/// A component that passed validation, with the types the component runtime needs to
/// plan instantiation and to lift and lower values.
///
/// Shape:
/// - `types` is the arena every identity below points into (shared with `nested`).
/// - The index spaces, in definition order, each entry the type of the item:
///   component `functionTypes`, `instanceTypes`, `componentTypes`, `typeIndexSpace`
///   (what each type index names), `valueTypes`; core `coreModuleTypes`,
///   `coreInstanceTypes`, `coreFunctions`, `coreTables`, `coreMemories`, `coreGlobals`,
///   `coreTags` and `coreTypes`.
/// - `imports` and `exports` with their entity types, in order, and `type`, the
///   component's own type (what a parent sees when it instantiates it).
/// - `modules`: the validated core module of every `core module` definition, and
///   `nested`: the validated component of every nested `component` definition, both in
///   definition order (the n-th definition, not the n-th index: imports and aliases
///   take indices too).
public struct ValidatedComponent: Sendable {
    public let component: Component
    public internal(set) var types: ComponentTypeArena

    public let functionTypes: [ComponentTypeID]
    public let instanceTypes: [ComponentTypeID]
    public let componentTypes: [ComponentTypeID]
    public let typeIndexSpace: [ComponentTypeID]
    public let valueTypes: [ComponentValueType]

    public let coreModuleTypes: [CoreModuleTypeID]
    public let coreInstanceTypes: [CoreInstanceTypeID]
    public let coreFunctions: [FunctionType]
    public let coreTables: [TableType]
    public let coreMemories: [MemoryType]
    public let coreGlobals: [GlobalType]
    public let coreTags: [FunctionType]
    public let coreTypes: [CoreTypeSlot]

    public let imports: [ComponentTypedName]
    public let exports: [ComponentTypedName]
    /// The component's type: imports, exports, and the resources they introduce.
    public let type: ComponentTypeID

    public let modules: [ValidatedModule]
    public internal(set) var nested: [ValidatedComponent]

    /// Gives this component and its nested ones the final arena (nested components are
    /// finished before their parent adds its own types).
    mutating func share(_ arena: ComponentTypeArena) {
        types = arena
        for i in nested.indices { nested[i].share(arena) }
    }
}

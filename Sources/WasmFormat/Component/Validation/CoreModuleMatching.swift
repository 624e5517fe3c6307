/// Matching a module against a module type outside validation: the component linker
/// checks an imported core module with it.
extension CoreModuleType {
    /// The type of a validated module: its imports and exports with their core types.
    public init(of module: ValidatedModule) {
        self = ComponentChecker.moduleType(of: module)
    }

    /// Why a module of this type cannot be used where `expected` is wanted (it imports
    /// more, or exports less or differently typed); nil when it can.
    public func mismatch(against expected: CoreModuleType) -> String? {
        do {
            try CoreTypeMatcher.module(self, expected)
            return nil
        } catch {
            return error.description
        }
    }
}

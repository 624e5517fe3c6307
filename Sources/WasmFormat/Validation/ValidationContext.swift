/// The module-wide facts instructions are checked against (the spec's context `C` minus
/// locals and labels), resolved once per module into flat arrays of packed types.
///
/// It is immutable after `ModuleValidator` builds it and shared by reference between the
/// module's function validators (and, later, the interpreter's translator), so creating a
/// `FunctionValidator` costs a retain, not a copy of the module's index spaces.
final class ValidationContext: Sendable {
    let features: WasmFeatures
    let types: TypeTable
    /// Type index of every function, imports first.
    let functionTypes: [UInt32]
    let importedFunctionCount: Int
    let tableElements: [OperandType]
    let tableAddresses: [OperandType]
    let memoryAddresses: [OperandType]
    let globalTypes: [OperandType]
    let globalMutable: [Bool]
    let importedGlobalCount: Int
    /// Type index (a function type without results) of every tag, imports first.
    let tagTypes: [UInt32]
    let elementTypes: [OperandType]
    /// The data count section's value; nil when the module has none.
    let dataCount: UInt32?
    /// Indexed by function: whether `ref.func` may name it inside a function body.
    let declaredFunctions: [Bool]

    init(features: WasmFeatures, types: TypeTable, functionTypes: [UInt32], importedFunctionCount: Int,
         tableElements: [OperandType], tableAddresses: [OperandType], memoryAddresses: [OperandType],
         globalTypes: [OperandType], globalMutable: [Bool], importedGlobalCount: Int, tagTypes: [UInt32],
         elementTypes: [OperandType], dataCount: UInt32?, declaredFunctions: [Bool]) {
        self.features = features
        self.types = types
        self.functionTypes = functionTypes
        self.importedFunctionCount = importedFunctionCount
        self.tableElements = tableElements
        self.tableAddresses = tableAddresses
        self.memoryAddresses = memoryAddresses
        self.globalTypes = globalTypes
        self.globalMutable = globalMutable
        self.importedGlobalCount = importedGlobalCount
        self.tagTypes = tagTypes
        self.elementTypes = elementTypes
        self.dataCount = dataCount
        self.declaredFunctions = declaredFunctions
    }
}

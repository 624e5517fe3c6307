import WasmFormat

/// Validation of a script's components, with "not supported" told from "invalid" so the
/// report can skip rather than fail.
enum ComponentValidation {
    struct Problem: Error {
        var message: String
        var isUnsupported: Bool
    }

    /// The validated component (which the runtime plans from, so it is validated once),
    /// or why it is not valid.
    static func validate(_ component: Component, features: ComponentFeatures) -> Result<ValidatedComponent, Problem> {
        do {
            return .success(try ComponentValidator(features: features).validate(component))
        } catch {
            return .failure(Problem(message: error.description, isUnsupported: error.kind == .unsupported))
        }
    }
}

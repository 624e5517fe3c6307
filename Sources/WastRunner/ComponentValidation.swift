import WasmFormat

/// Validation of a script's components, with "not supported" told from "invalid" so the
/// report can skip rather than fail.
enum ComponentValidation {
    struct Problem {
        var message: String
        var isUnsupported: Bool
    }

    static func check(_ component: Component, features: ComponentFeatures) -> Problem? {
        do {
            _ = try ComponentValidator(features: features).validate(component)
            return nil
        } catch {
            return Problem(message: error.description, isUnsupported: error.kind == .unsupported)
        }
    }
}

import WasmFormat

/// Validation of a script's components, with "not supported" told from "invalid" so the
/// report can skip rather than fail.
enum ComponentValidation {
    struct Problem {
        var message: String
        var isUnsupported: Bool
    }

    static func check(_ component: Component) -> Problem? {
        nil // WIP: the validator is being merged
    }
}

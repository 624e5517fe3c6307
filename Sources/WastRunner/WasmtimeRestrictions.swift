import ComponentRuntime
import WasmFormat

/// What wasmtime refuses to run although the component model allows it. The scripts of
/// wasmtime's suite expect these refusals from `assert_invalid`; `loupe wast
/// --wasmtime-restrictions` applies them so that those scripts can be run as written.
/// Loupe itself runs such components.
enum WasmtimeRestrictions {
    /// A root import of a component, in wasmtime's words; nil when there is none.
    static func violation(in validated: ValidatedComponent) -> String? {
        for i in validated.imports {
            if case .component = i.type { return "root-level component imports are not supported" }
        }
        return nil
    }

    /// An exported function that is an imported one (at any depth of the root's exports),
    /// or an exported component, in wasmtime's words; nil when there is none.
    static func violation(in plan: ComponentPlan) -> String? {
        plan.exports.lazy.compactMap(violation).first
    }

    private static func violation(_ export: Named<ExportItem>) -> String? {
        switch export.item {
        case .function(.imported):
            "component export `\(export.name)` is a reexport of an imported function which is not implemented"
        case .instance(let items):
            items.lazy.compactMap(violation).first
        case .component:
            "exporting a component from the root component is not supported"
        case .function(.lifted), .module, .type:
            nil
        }
    }
}

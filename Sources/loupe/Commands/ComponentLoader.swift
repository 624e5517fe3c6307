import ComponentRuntime
import CoreRuntime
import Foundation
import WasmFormat
import WasmText

/// Loading components from the command line.
enum ComponentLoader {
    /// The file's bytes, text assembled; nil when it is a core module rather than a
    /// component.
    static func componentBytes(_ path: String) throws -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(path)")
        }
        let bytes = [UInt8](data)
        if path.hasSuffix(".wat") {
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.range(of: #"^(\s|;;[^\n]*\n|\(;[\s\S]*?;\))*\(component"#, options: .regularExpression) != nil else { return nil }
            do {
                return try ComponentWAT.parse(bytes: bytes, file: path).bytes
            } catch {
                throw CommandFailure("\(error)")
            }
        }
        return Binary.isComponent(bytes[...]) ? bytes : nil
    }

    static func load(_ bytes: [UInt8], path: String) throws -> CompiledComponent {
        do {
            return try CompiledComponent(bytes: bytes)
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    /// Instantiates with a linker that has nothing (WASI and stubs come later): a missing
    /// import is reported with its expected type.
    static func instantiate(_ component: CompiledComponent, linker: ComponentLinker = ComponentLinker()) throws -> ComponentRuntime.ComponentInstance {
        let pre: InstancePre
        do {
            pre = try linker.instantiatePre(component)
        } catch {
            throw CommandFailure("cannot link: \(error)")
        }
        do {
            return try pre.instantiate(in: Store())
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// Calls `name(args…)` written in WAVE and returns the result in WAVE.
    static func invoke(_ instance: ComponentRuntime.ComponentInstance, _ call: String) throws -> String {
        let (name, texts) = try WAVE.splitCall(call)
        guard let function = instance.function(name) else {
            throw CommandFailure("no exported function \"\(name)\"; exports: \(exportedFunctionNames(instance).joined(separator: ", "))")
        }
        let type = function.type
        guard texts.count == type.parameters.count else {
            throw CommandFailure("\(name) takes \(type.parameters.count) arguments (\(function.wit)), got \(texts.count)")
        }
        var arguments: [Val] = []
        for (text, p) in zip(texts, type.parameters) {
            do {
                arguments.append(try WAVE.parse(text, as: p.type))
            } catch {
                throw CommandFailure("argument \(p.name): \(error)")
            }
        }
        do {
            return try function.call(arguments).map(WAVE.format).joined(separator: ", ")
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    static func exportedFunctionNames(_ instance: ComponentRuntime.ComponentInstance) -> [String] {
        instance.plan.exports.flatMap { e -> [String] in
            switch e.item {
            case .function: return [e.name]
            case .instance(let items): return items.compactMap { if case .function = $0.item { "\(e.name).\($0.name)" } else { nil } }
            default: return []
            }
        }
    }
}

import ArgumentParser
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
        let progress = LoadingProgress(path: path, bytes: bytes.count)
        defer { progress.finish() }
        do {
            return try CompiledComponent(bytes: bytes)
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    /// Instantiates: an import the linker lacks is reported with its expected type; a
    /// guest that exits while starting ends loupe with its status.
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
            if let status = guestExitStatus(error) { throw ExitCode(status) }
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
        return try Self.call(function, arguments).map(WAVE.format).joined(separator: ", ")
    }

    /// Calls a component function; a guest's WASI exit ends loupe with its status.
    static func call(_ function: ComponentFunction, _ arguments: [Val]) throws -> [Val] {
        do {
            return try function.call(arguments)
        } catch {
            if let status = guestExitStatus(error) { throw ExitCode(status) }
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

/// Says on a terminal's standard error that a component is loading, when loading takes
/// longer than half a second (a large component on a slow machine), and clears the line
/// when it is done. Nothing is printed when standard error is not a terminal.
final class LoadingProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var shown = false

    init(path: String, bytes: Int) {
        guard isatty(STDERR_FILENO) != 0 else { return }
        let megabytes = String(format: "%.1f", Double(bytes) / 1_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { [self] in
            lock.lock()
            defer { lock.unlock() }
            guard !done else { return }
            shown = true
            FileHandle.standardError.write("loading \(path) (\(megabytes) MB): decoding, validating, planning…".data(using: .utf8)!)
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        done = true
        if shown { FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!) }
    }
}

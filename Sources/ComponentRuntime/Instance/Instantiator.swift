import CoreRuntime
import WasmFormat

/// Runs a plan's initializers one at a time over a new `ComponentInstance`, so that a
/// debugger can stop between any two. A failed step leaves the instance as it was after
/// the last good one, for a post-mortem.
public final class Instantiator {
    public let instance: ComponentInstance
    /// The index of the next initializer to run.
    public private(set) var next = 0
    /// The failure that stopped the instantiation, if one did.
    public private(set) var failure: InstantiationError?

    init(instance: ComponentInstance) {
        self.instance = instance
    }

    public var plan: ComponentPlan { instance.plan }
    public var isFinished: Bool { next == plan.initializers.count }

    /// Runs the next initializer and says what it did.
    @discardableResult
    public func step() throws(InstantiationError) -> String {
        try advance(describing: true) ?? "instantiation is complete"
    }

    /// Runs every remaining initializer.
    public func run() throws(InstantiationError) {
        while !isFinished { _ = try advance(describing: false) }
    }

    /// Runs the next initializer; the description is made only when asked for (an
    /// unobserved instantiation should not pay for strings).
    private func advance(describing: Bool) throws(InstantiationError) -> String? {
        guard failure == nil else { throw failure! }
        guard !isFinished else { return nil }
        let initializer = plan.initializers[next]
        do {
            let report = try run(initializer)
            next += 1
            return describing ? report() : nil
        } catch {
            let e = InstantiationError(index: next, initializer: initializer, underlying: error)
            failure = e
            throw e
        }
    }

    private func run(_ initializer: GlobalInitializer) throws -> () -> String {
        let i = instance
        switch initializer.kind {
        case .instantiateModule(let index, let source, let wiring, let arguments):
            let module: CompiledModule
            var imports: [Extern] = []
            switch source {
            case .defined(let m):
                module = i.pre.component.modules[m]
                for w in wiring { imports.append(try i.core(w.definition)) }
            case .imported(let ri):
                guard case .module(let m) = i.pre.imports[ri] else { throw Trap(.component("runtime import #\(ri) is not a module")) }
                module = m
                for imp in m.module.imports {
                    guard let arg = arguments.first(where: { $0.name == imp.module }), let def = arg.exports.definition(imp.name) else {
                        throw Trap(.component("imported module's import \"\(imp.module)\" \"\(imp.name)\" is not provided"))
                    }
                    imports.append(try i.core(def))
                }
            }
            let core = try i.store.instantiate(module, imports: imports)
            i.coreInstances[index] = core
            return { "core instance #\(index) = \(source) with \(imports.count) imports; exports \(core.exports.map(\.name).joined(separator: ", "))" }
        case .lowerImport(let index, let ri, let type, let options):
            guard case .function(let body) = i.pre.imports[ri] else { throw Trap(.component("runtime import #\(ri) is not a function")) }
            let name = ([plan.imports[plan.runtimeImports[ri].rootImport].name] + plan.runtimeImports[ri].path).joined(separator: "/")
            i.lowered[index] = i.lowerHostFunction(name: name, type: type, options: options, body)
            return { "lowered import #\(index) = \(name): \(type.wit(i.resourceName))" }
        case .extractMemory(let index, let def):
            guard case .memory(let m) = try i.core(def) else { throw Trap(.component("\(def) is not a memory")) }
            i.memories[index] = m
            return { "memory #\(index) = \(def) (\(m.byteCount) bytes)" }
        case .extractRealloc(let index, let def):
            i.reallocs[index] = try i.coreFunction(def)
            return { "realloc #\(index) = \(def)" }
        case .extractPostReturn(let index, let def):
            i.postReturns[index] = try i.coreFunction(def)
            return { "post-return #\(index) = \(def)" }
        case .extractCallback(let index, let def):
            i.callbacks[index] = try i.coreFunction(def)
            return { "callback #\(index) = \(def)" }
        case .extractTable(let index, let def):
            _ = try i.core(def)
            return { "table #\(index) = \(def)" }
        case .resource(let r, _, let destructor, _):
            let type = i.resourceTypes[r]
            if let destructor {
                let f = try i.coreFunction(destructor)
                type.destructor = { rep in _ = try f.call([.i32(rep)]) }
            }
            return { "resource \(type.name)" + (destructor.map { " with destructor \($0)" } ?? "") }
        }
    }
}

/// An instantiation that stopped at an initializer.
public struct InstantiationError: Error, CustomStringConvertible {
    public var index: Int
    public var initializer: GlobalInitializer
    public var underlying: any Error

    public var description: String {
        "initializer \(index) (\(initializer.kindName) in \(initializer.component)) failed: \(underlying)"
    }
}

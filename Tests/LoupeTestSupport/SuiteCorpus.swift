import Dispatch
import Foundation
import WasmFormat
import WasmText

/// One module of a `.wast` script, assembled.
public struct SuiteModule: Sendable {
    /// The script, relative to the test suite folder (`core/simd/simd_const.wast`).
    public var file: String
    public var line: Int
    /// The directive holding the module: `module`, `assert_invalid`, `assert_malformed`, …
    public var directive: String
    public var encoding: WastModule.Encoding
    /// The binary (nil when the text did not assemble), and the text error otherwise.
    public var bytes: [UInt8]?
    public var textError: String?

    /// Where the module is written, `file:line`.
    public var place: String { "\(file):\(line)" }

    /// Whether the script says the module is valid: defined, instantiated, or expected
    /// to fail only at link or instantiation time.
    public var mustBeValid: Bool {
        ["module", "assert_unlinkable", "assert_uninstantiable"].contains(directive)
    }

    /// Whether WasmText produced the binary (text and quote modules, not binary ones).
    public var isFromText: Bool { encoding != .binary }
}

/// Every module of the `.wast` scripts under a folder, assembled once and shared by the
/// tests that need them (round trip, reference differential, robustness).
public struct SuiteCorpus: Sendable {
    public var modules: [SuiteModule]
    /// Scripts that did not parse, with the error.
    public var scriptErrors: [String]

    /// The core suite's modules (`testsuite/core`, every folder), or nil without test data.
    public static let core: SuiteCorpus? = TestEnvironment.testsuite.flatMap { suite in
        TestEnvironment.coreSuite.map { load(TestEnvironment.files(under: $0, suffix: "wast"), relativeTo: suite) }
    }

    /// Parses the scripts and assembles their modules (in parallel, results in file order).
    public static func load(_ files: [URL], relativeTo root: URL) -> SuiteCorpus {
        let results = ResultSlots<Result<[SuiteModule], ScriptError>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            results.set(i, load(files[i], relativeTo: root))
        }
        var corpus = SuiteCorpus(modules: [], scriptErrors: [])
        for r in results.values {
            switch r {
            case .success(let m): corpus.modules += m
            case .failure(let e): corpus.scriptErrors.append(e.text)
            case nil: break
            }
        }
        return corpus
    }

    struct ScriptError: Error { var text: String }

    static func load(_ url: URL, relativeTo root: URL) -> Result<[SuiteModule], ScriptError> {
        let relative = url.path.hasPrefix(root.path + "/") ? String(url.path.dropFirst(root.path.count + 1)) : url.path
        guard let bytes = TestEnvironment.bytes(of: url) else { return .failure(ScriptError(text: "\(relative): unreadable")) }
        let script: WastScript
        do {
            script = try WastScript.parse(bytes: bytes, file: relative)
        } catch {
            return .failure(ScriptError(text: "\(relative): \(error)"))
        }
        var modules: [SuiteModule] = []
        for d in script.directives {
            let found: (String, WastModule)? = switch d.kind {
            case .module(let m): ("module", m)
            case .assertInvalid(let m, _): ("assert_invalid", m)
            case .assertMalformed(let m, _): ("assert_malformed", m)
            case .assertUnlinkable(let m, _): ("assert_unlinkable", m)
            case .assertUninstantiable(let m, _): ("assert_uninstantiable", m)
            case .assertMalformedCustom(let m, _): ("assert_malformed_custom", m)
            case .assertInvalidCustom(let m, _): ("assert_invalid_custom", m)
            default: nil
            }
            guard let (directive, m) = found else { continue }
            var module = SuiteModule(file: relative, line: d.location.line, directive: directive, encoding: m.encoding)
            do {
                module.bytes = try m.compile()
            } catch {
                module.textError = error.description
            }
            modules.append(module)
        }
        return .success(modules)
    }

    /// Decodes and validates; nil when the module is valid, else the error.
    public static func check(_ bytes: [UInt8]) -> WasmError? {
        do {
            _ = try ModuleValidator().validate(try ModuleDecoder().decode(bytes))
            return nil
        } catch {
            return error
        }
    }
}

extension SuiteModule {
    init(file: String, line: Int, directive: String, encoding: WastModule.Encoding) {
        self.file = file
        self.line = line
        self.directive = directive
        self.encoding = encoding
    }
}

/// Results written by `concurrentPerform` workers, one slot per iteration.
public final class ResultSlots<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    public func set(_ i: Int, _ value: T) {
        lock.lock()
        storage[i] = value
        lock.unlock()
    }

    public var values: [T?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

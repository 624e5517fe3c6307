import Foundation
import LoupeTestSupport
import Testing
import WasmFormat
import WasmText

/// The component text format against the suites and the reference assembler.
///
/// - Every `.wast` of `component-model-spec/` and `wasm-tools-component/` parses, every
///   text component in it assembles except those an `assert_malformed` expects to fail
///   (which must fail).
/// - With `wasm-tools` present, each text component is compared with what
///   `wasm-tools json-from-wast` makes of it (matched by script line), and every `.wat`
///   of `components/wat` with `wasm-tools parse`: identical bytes, the same bytes once
///   both are decoded and encoded again (so only LEB128 spellings differ), or different.
///   The counts go to stdout and `$TMPDIR/loupe-component-text/report.txt`.
@Suite(.serialized) struct ComponentReferenceTests {
    static let suites = ["component-model-spec", "wasm-tools-component"]

    static var scripts: [(name: String, url: URL)] {
        guard let root = TestEnvironment.testsuite else { return [] }
        return suites.flatMap { suite in
            TestEnvironment.files(under: root.appendingPathComponent(suite), suffix: "wast").map {
                (String($0.path.dropFirst(root.path.count + 1)), $0)
            }
        }
    }

    /// Components the core text parser cannot assemble yet, by position: the
    /// shared-everything-threads proposal's `shared` core types and tables.
    static let knownFailures: Set<String> = [
        "wasm-tools-component/legacy-indices.wast:71:1",
        "wasm-tools-component/shared-everything-threads/not-accepted.wast:13:1",
    ]

    struct Counts {
        var components = 0
        var assembled = 0
        var failed = 0
        var knownFailures = 0
        var refusedByBoth = 0
        var malformedRejected = 0
        var malformedAccepted = 0
        var compared = 0
        var identical = 0
        var sameTree = 0
        var different = 0
        var referenceMissing = 0

        var summary: String {
            "components \(components): assembled \(assembled), failed \(failed), known failures \(knownFailures), refused by wasm-tools too \(refusedByBoth); assert_malformed rejected \(malformedRejected), accepted \(malformedAccepted); "
                + "against wasm-tools: compared \(compared), identical \(identical), same after re-encoding \(sameTree), different \(different), no reference \(referenceMissing)"
        }
    }

    /// Every script parses; every text component assembles unless it is meant to be
    /// malformed, and those fail.
    @Test(.enabled(if: TestEnvironment.testsuite != nil, "needs ../shared/testsuite"))
    func suitesParseAndAssemble() throws {
        var counts = Counts()
        var problems: [String] = []
        let reference = TestEnvironment.referenceTools?.appendingPathComponent("wasm-tools")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-component-text")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for (name, url) in Self.scripts {
            let bytes = TestEnvironment.bytes(of: url) ?? []
            let script = try WastScript.parse(bytes: bytes, file: name)
            // Scripts written for the legacy index syntax say so on their first line.
            let legacy = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self).contains("WAST_STRICT_COMPONENT_INDICES=0")
            let referenceBinaries = reference.map { Self.referenceBinaries(for: url, tool: $0, legacy: legacy, into: work) } ?? [:]
            for directive in script.directives {
                let (found, malformed) = Self.componentModule(directive)
                guard var module = found, module.encoding != .binary else { continue }
                module.legacyIndices = legacy
                counts.components += 1
                let place = "\(module.location)"
                let result = Result { () throws(TextError) in try module.assembleComponent() }
                if malformed {
                    if case .failure = result { counts.malformedRejected += 1 } else {
                        counts.malformedAccepted += 1
                        problems.append("\(place): assert_malformed component assembled")
                    }
                    continue
                }
                switch result {
                case .failure(let e):
                    if Self.knownFailures.contains(place) {
                        counts.knownFailures += 1
                        continue
                    }
                    // Suite files newer or older than the reference tool: fine if it
                    // refuses the component too.
                    if let reference, module.encoding == .text {
                        let file = work.appendingPathComponent("refused.wat")
                        try? module.text.write(to: file, atomically: true, encoding: .utf8)
                        if TestEnvironment.run(reference, ["parse", file.path, "-o", "/dev/null"]).status != 0 {
                            counts.refusedByBoth += 1
                            continue
                        }
                    }
                    counts.failed += 1
                    problems.append("\(e)")
                case .success(let ours):
                    counts.assembled += 1
                    guard reference != nil else { continue }
                    guard let theirs = referenceBinaries[module.location.line] else {
                        counts.referenceMissing += 1
                        continue
                    }
                    Self.compare(ours.bytes, theirs, place, &counts, &problems)
                }
            }
        }
        if let reference, let wat = TestEnvironment.shared?.appendingPathComponent("components/wat") {
            for url in TestEnvironment.files(under: wat, suffix: "wat") {
                // Some are the core modules inside the components.
                guard String(decoding: TestEnvironment.bytes(of: url) ?? [], as: UTF8.self).contains("(component") else { continue }
                counts.components += 1
                let place = url.lastPathComponent
                do {
                    let ours = try ComponentWAT.parse(bytes: TestEnvironment.bytes(of: url) ?? [], file: place)
                    counts.assembled += 1
                    let out = work.appendingPathComponent(place + ".wasm")
                    guard TestEnvironment.run(reference, ["parse", url.path, "-o", out.path]).status == 0,
                          let theirs = TestEnvironment.bytes(of: out) else {
                        counts.referenceMissing += 1
                        continue
                    }
                    Self.compare(ours.bytes, theirs, place, &counts, &problems)
                } catch {
                    counts.failed += 1
                    problems.append("\(error)")
                }
            }
        }
        let report = counts.summary + "\n" + problems.joined(separator: "\n") + "\n"
        print(counts.summary)
        try? report.write(to: work.appendingPathComponent("report.txt"), atomically: true, encoding: .utf8)
        #expect(counts.failed == 0, "\(problems.prefix(20).joined(separator: "\n"))")
        #expect(counts.malformedAccepted == 0)
        #expect(counts.different == 0)
    }

    /// A script's component, and whether an `assert_malformed` expects it to fail.
    static func componentModule(_ directive: WastDirective) -> (WastModule?, Bool) {
        switch directive.kind {
        case .module(let m), .assertInvalid(let m, _), .assertUnlinkable(let m, _), .assertUninstantiable(let m, _):
            return (m.isComponent ? m : nil, false)
        case .assertMalformed(let m, _):
            return (m.isComponent ? m : nil, true)
        default:
            return (nil, false)
        }
    }

    /// What wasm-tools assembles for each command of a script, by line.
    static func referenceBinaries(for script: URL, tool: URL, legacy: Bool, into work: URL) -> [Int: [UInt8]] {
        let dir = work.appendingPathComponent(script.deletingPathExtension().lastPathComponent + "-" + String(script.path.hashValue & 0xFFFF))
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let json = dir.appendingPathComponent("script.json")
        let arguments = ["json-from-wast", "--wasm-dir", dir.path, script.path, "-o", json.path]
        let run = legacy
            ? TestEnvironment.run(URL(fileURLWithPath: "/usr/bin/env"), ["WAST_STRICT_COMPONENT_INDICES=0", tool.path] + arguments)
            : TestEnvironment.run(tool, arguments)
        guard run.status == 0,
              let data = FileManager.default.contents(atPath: json.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let commands = object["commands"] as? [[String: Any]] else { return [:] }
        var binaries: [Int: [UInt8]] = [:]
        for c in commands {
            guard let line = c["line"] as? Int, let file = c["filename"] as? String,
                  (c["module_type"] as? String) == "binary",
                  let bytes = TestEnvironment.bytes(of: dir.appendingPathComponent(file)) else { continue }
            binaries[line] = bytes
        }
        return binaries
    }

    /// The component with its nested modules and components to be encoded from their
    /// trees rather than copied.
    static func forgettingBytes(_ c: Component) -> Component {
        var c = c
        c.sections = c.sections.map { section in
            switch section {
            case .coreModule(var m):
                m.bytes = []
                return .coreModule(m)
            case .component(var n):
                n.component = forgettingBytes(n.component)
                n.bytes = []
                return .component(n)
            default:
                return section
            }
        }
        return c
    }

    static func compare(_ ours: [UInt8], _ theirs: [UInt8], _ place: String, _ counts: inout Counts, _ problems: inout [String]) {
        counts.compared += 1
        if ours == theirs {
            counts.identical += 1
            return
        }
        // The same tree: encoded again (nested modules too), LEB128 spellings and the
        // core assembler's encoding choices (element segment forms) no longer count.
        let normalized = { (b: [UInt8]) -> [UInt8]? in
            (try? ComponentDecoder().decode(b)).map { ComponentEncoder().encode(Self.forgettingBytes($0)) }
        }
        if let a = normalized(ours), let b = normalized(theirs), a == b {
            counts.sameTree += 1
            return
        }
        counts.different += 1
        // Both binaries stay beside the report for `wasm-tools dump`.
        let stem = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-component-text")
            .appendingPathComponent(place.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ":", with: "_"))
        _ = FileManager.default.createFile(atPath: stem.path + ".ours.wasm", contents: Data(ours))
        _ = FileManager.default.createFile(atPath: stem.path + ".theirs.wasm", contents: Data(theirs))
        let at = (0..<min(ours.count, theirs.count)).first { ours[$0] != theirs[$0] } ?? min(ours.count, theirs.count)
        problems.append("\(place): differs from wasm-tools at byte \(at) (ours \(ours.count) bytes, theirs \(theirs.count))")
    }
}

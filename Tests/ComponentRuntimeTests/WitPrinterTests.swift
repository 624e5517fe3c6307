import ComponentRuntime
import Foundation
import LoupeTestSupport
import Testing
import WasmFormat
import WasmText

/// `WitDocument` against `wasm-tools component wit`: the `.wit` files recorded beside the
/// shared components, and small components written here for the cases those lack.
struct WitPrinterTests {
    static func document(_ wat: String) throws -> WitDocument {
        let component = try ComponentDecoder().decode(try ComponentWAT.parse(wat).bytes)
        return WitDocument(try ComponentValidator().validate(component))
    }

    /// The `.wit` files of `components/wat` and `components/toolchain/*` that have the
    /// component they describe beside them (`x.wit` for `x.wasm`).
    static let recordedWit: [String] = {
        guard let root = TestEnvironment.components else { return [] }
        let wit = TestEnvironment.files(under: root, suffix: "wit").filter { url in
            let relative = url.path.dropFirst(root.path.count + 1)
            guard relative.hasPrefix("wat/") || relative.hasPrefix("toolchain/"), relative.split(separator: "/").count <= 3 else { return false }
            return FileManager.default.fileExists(atPath: url.deletingPathExtension().appendingPathExtension("wasm").path)
        }
        return wit.map { String($0.path.dropFirst(root.path.count + 1)) }
    }()

    @Test(.enabled(if: TestEnvironment.components != nil, "no ../shared/components (set LOUPE_SHARED)"))
    func sharedComponentsHaveRecordedWit() {
        #expect(Self.recordedWit.count >= 12, "found \(Self.recordedWit)")
    }

    /// The printed WIT says what the recorded file says (same items, reordered only where
    /// WIT allows).
    @Test(arguments: recordedWit)
    func printsTheRecordedWit(_ file: String) throws {
        let root = try #require(TestEnvironment.components)
        let witURL = root.appendingPathComponent(file)
        let bytes = try #require(TestEnvironment.bytes(of: witURL.deletingPathExtension().appendingPathExtension("wasm")))
        let expected = String(decoding: try #require(TestEnvironment.bytes(of: witURL)), as: UTF8.self)
        let printed = WitDocument(try ComponentValidator().validate(try ComponentDecoder().decode(bytes))).text
        #expect(WitEquivalence.canonical(printed) == WitEquivalence.canonical(expected), "printed:\n\(printed)")
    }

    @Test func equivalenceIgnoresOnlyReorderableOrder() {
        let base = """
        package a:b;
        world root { import a:b/i; export f: func(x: u32) -> u32; }
        package a:b { interface i { use j.{t, u}; record r { x: u32, y: string } g: func(); h: func(); } }
        """
        let reordered = """
        package a:b { interface i { h: func(); use j.{u};
          use j.{t};
          g: func(); record r {
            x: u32,
            y: string,
          }
        } }
        package a:b;
        world root {
          export f: func(x: u32) -> u32;
          import a:b/i;
        }
        """
        let fieldsSwapped = base.replacingOccurrences(of: "x: u32, y: string", with: "y: string, x: u32")
        let parameterRenamed = base.replacingOccurrences(of: "func(x: u32)", with: "func(y: u32)")
        #expect(WitEquivalence.canonical(base) == WitEquivalence.canonical(reordered))
        #expect(WitEquivalence.canonical(base) != WitEquivalence.canonical(fieldsSwapped))
        #expect(WitEquivalence.canonical(base) != WitEquivalence.canonical(parameterRenamed))
    }

    /// An exported interface built by instantiating a shim with an imported interface's
    /// types uses them rather than redefining them; world functions name them too.
    @Test func exportedInterfaceUsesImportedTypes() throws {
        let wit = try Self.document("""
        (component
          (type (instance
            (type $r (record (field "x" u32)))
            (export "point" (type (eq $r)))
            (export "handle" (type (sub resource)))))
          (import "a:b/types@1.0.0" (instance $types (type 0)))
          (alias export $types "point" (type $point))
          (alias export $types "handle" (type $handle))
          (import "g" (func $g (param "p" $point) (result (own $handle))))
          (component $shim
            (type $r (record (field "x" u32)))
            (import "import-type-point" (type $p (eq $r)))
            (import "import-type-handle" (type $h (sub resource)))
            (import "import-func-f" (func $f (param "p" $p) (result (own $h))))
            (export $pe "point" (type $p))
            (export $he "handle" (type $h))
            (export "f" (func $f) (func (param "p" $pe) (result (own $he)))))
          (instance $i (instantiate $shim
            (with "import-type-point" (type $point))
            (with "import-type-handle" (type $handle))
            (with "import-func-f" (func $g))))
          (export "a:b/api@1.0.0" (instance $i)))
        """)
        #expect(wit.text == """
        package root:component;

        world root {
          import a:b/types@1.0.0;
          import g: func(p: point) -> handle;

          export a:b/api@1.0.0;
        }
        package a:b@1.0.0 {
          interface types {
            record point {
              x: u32,
            }

            resource handle;
          }
          interface api {
            use types.{point, handle};

            f: func(p: point) -> handle;
          }
        }

        """)
    }

    /// World-level resources gather their constructor, methods and static functions;
    /// keywords are escaped; type aliases and inline interfaces print as WIT writes them.
    @Test func worldResourcesAliasesAndKeywords() throws {
        let wit = try Self.document("""
        (component
          (import "r" (type $r (sub resource)))
          (import "[constructor]r" (func (param "type" u32) (result (own $r))))
          (import "[method]r.get" (func (param "self" (borrow $r)) (result u32)))
          (import "[static]r.make" (func (result (own $r))))
          (type $e (enum "a" "record"))
          (import "kind" (type $k (eq $e)))
          (type $t (tuple $k string))
          (import "pair" (type $p (eq $t)))
          (import "e" (instance (export "list" (func (param "k" $k) (result (list u8))))))
          (import "use-pair" (func (param "p" $p))))
        """)
        #expect(wit.text == """
        package root:component;

        world root {
          import e: interface {
            %list: func(k: kind) -> list<u8>;
          }

          resource r {
            constructor(%type: u32);
            get: func() -> u32;
            make: static func() -> r;
          }

          enum kind {
            a,
            %record,
          }

          type pair = tuple<kind, string>;
          import use-pair: func(p: pair);
        }

        """)
    }

    /// The one-type and one-signature helpers name types as the document does.
    @Test func spellsOneTypeAndOneSignature() throws {
        let component = try ComponentWAT.parse("""
        (component
          (type (instance
            (type $r (record (field "x" u32)))
            (export "point" (type (eq $r)))
            (export "counter" (type (sub resource)))
            (type $c (borrow 2))
            (type $l (list 1))
            (export "merge" (func (param "a" $c) (param "b" $l) (result (option 1))))))
          (import "a:b/api" (instance (type 0))))
        """).component
        let validated = try ComponentValidator().validate(component)
        let wit = WitDocument(validated)
        guard case .instance(let api) = validated.imports[0].type,
              case .function(let merge)? = validated.types.instance(api)?.export(named: "merge"),
              let function = validated.types.function(merge) else {
            Issue.record("no function type")
            return
        }
        #expect(wit.signature(of: function) == "func(a: borrow<counter>, b: list<point>) -> option<point>")
        #expect(wit.spelling(of: try #require(function.result)) == "option<point>")
        #expect(wit.spelling(of: .primitive(.string)) == "string")
    }
}

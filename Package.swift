// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Loupe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "loupe", targets: ["loupe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The binary format: decode, encode and validate core modules (and later components).
        .target(name: "WasmFormat"),
        // The text format: WAT, WAST scripts, source maps.
        .target(name: "WasmText", dependencies: ["WasmFormat"]),
        // Core runtime: store, instances, the interpreter and its probes.
        .target(
            name: "CoreRuntime", dependencies: ["WasmFormat"],
            swiftSettings: [
                .unsafeFlags([
                    "-Xllvm", "-tail-dup-pred-size=1000", "-Xllvm", "-tail-dup-succ-size=1000",
                    "-Xllvm", "-tail-dup-indirect-size=40", "-Xllvm", "-tail-dup-size=16",
                ]),
            ]),
        // Component runtime: the instantiation plan, linker, instantiator, canonical ABI.
        .target(name: "ComponentRuntime", dependencies: ["WasmFormat", "CoreRuntime"]),
        // WASI: the 0.2 host for components and preview 1 for core modules.
        .target(name: "WASI", dependencies: ["ComponentRuntime", "CoreRuntime"]),
        // Runs `.wast` scripts; shared by `loupe wast` and the conformance tests.
        .target(name: "WastRunner", dependencies: ["WasmFormat", "WasmText", "CoreRuntime", "ComponentRuntime"]),
        // The debugger: wasm work that stops at breakpoints and steps, driven from another thread.
        .target(name: "Debugger", dependencies: ["CoreRuntime", "WasmFormat"]),
        // libedit through pkg-config; a header of fixed-argument wrappers around its variadic
        // calls, which Swift cannot make.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // ncurses (wide-character build) for the REPL's full-screen view (`tui`).
        .systemLibrary(name: "CNCurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // The REPL: the command language, sessions (interactive and batch), line editing.
        .target(name: "REPL", dependencies: ["CLibEdit", "CNCurses", "WasmFormat", "WasmText", "CoreRuntime", "ComponentRuntime", "WASI", "Debugger"]),
        .executableTarget(
            name: "loupe",
            dependencies: [
                "WasmFormat", "WasmText", "WastRunner", "CoreRuntime", "ComponentRuntime", "WASI", "REPL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Helpers shared by the test targets: where ../shared and the reference tools are,
        // the suites' modules assembled once, tree comparison. Not a product.
        .target(name: "LoupeTestSupport", dependencies: ["WasmFormat", "WasmText"], path: "Tests/LoupeTestSupport"),
        .testTarget(name: "WasmFormatTests", dependencies: ["WasmFormat", "LoupeTestSupport"]),
        .testTarget(name: "WasmTextTests", dependencies: ["WasmText", "WasmFormat", "LoupeTestSupport"]),
        .testTarget(name: "CoreRuntimeTests", dependencies: ["CoreRuntime", "WasmFormat", "WasmText"]),
        .testTarget(name: "ComponentRuntimeTests", dependencies: ["ComponentRuntime", "CoreRuntime", "WasmFormat", "WasmText", "LoupeTestSupport"]),
        .testTarget(name: "WASITests", dependencies: ["WASI", "ComponentRuntime", "CoreRuntime", "LoupeTestSupport"]),
        .testTarget(name: "DebuggerTests", dependencies: ["Debugger", "CoreRuntime", "WasmFormat", "WasmText"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL", "LoupeTestSupport"],
                    exclude: ["Sessions", "terminal_session.py"]),
        .testTarget(name: "ConformanceTests", dependencies: ["WastRunner", "WasmText", "WasmFormat", "LoupeTestSupport"]),
    ]
)

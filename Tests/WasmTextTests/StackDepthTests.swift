import Foundation
import Testing
import WasmText

/// Nesting must not depend on the stack: deep folded instructions parse on a thread with
/// a small stack (512 KiB, as secondary threads on Darwin have), even in a debug build.
@Suite struct StackDepthTests {
    @Test func deepNestingParsesOnA512KiBStack() async throws {
        let depth = 20_000
        let blocks = "(module (func (result i32) " + String(repeating: "(block (result i32) ", count: depth)
            + "(i32.const 0)" + String(repeating: ")", count: depth) + "))"
        let operands = "(module (func (result i32) " + String(repeating: "(i32.eqz ", count: depth)
            + "(i32.const 0)" + String(repeating: ")", count: depth) + "))"
        let ifs = "(module (func (result i32) " + String(repeating: "(if (result i32) (i32.const 1) (then ", count: depth)
            + "(i32.const 0)" + String(repeating: ") (else (i32.const 1)))", count: depth) + "))"
        let ok = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let thread = Thread {
                var ok = true
                for text in [blocks, operands, ifs] {
                    if (try? WAT.parseModule(text)) == nil { ok = false }
                }
                continuation.resume(returning: ok)
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(ok)
    }
}

/// A thrown wasm exception: its tag and its payload, kept by the store.
/// Immutable once made, so it can cross threads inside a trap.
final class ExceptionRecord: @unchecked Sendable {
    let tag: Tag
    let payload: [UInt64]
    /// Index in the store's exception list (what an `exnref` slot holds).
    let index: Int

    init(tag: Tag, payload: [UInt64], index: Int) {
        self.tag = tag
        self.payload = payload
        self.index = index
    }
}

/// An `exnref` value as the embedder sees it.
public struct ExceptionReference: Hashable, Sendable {
    let index: Int
}

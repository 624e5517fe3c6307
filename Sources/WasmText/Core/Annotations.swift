import WasmFormat

/// The two annotations that change the binary (the annotations proposal's `@custom` and
/// `@name`); every other `(@id …)` is dropped by the lexer without a trace.
extension ModuleParser {
    /// Index spaces a `@name` annotation can rename.
    enum NameKind: Hashable {
        case function, table, memory, global, tag
    }

    /// The `@name "…"` written right here (after a keyword and its `$id`), if any.
    mutating func takeNameAnnotation() throws(TextError) -> String? {
        var result: String?
        for i in nameAnnotations {
            let a = cursor.annotations[i]
            guard a.tokenIndex == cursor.index, !consumedAnnotations.contains(i) else { continue }
            consumedAnnotations.insert(i)
            guard a.tokens.count == 1, a.tokens[0].kind == .string else {
                throw source.error("@name annotation: expected one name string", at: a.offset)
            }
            guard UTF8Validation.isValid(a.tokens[0].bytes) else {
                throw source.error("@name annotation: malformed UTF-8 encoding", at: a.offset)
            }
            guard result == nil else { throw source.error("@name annotation: multiple names", at: a.offset) }
            result = String(decoding: a.tokens[0].bytes, as: UTF8.self)
        }
        return result
    }

    /// The module's `@name`, written right after `module $id?`.
    mutating func moduleNameAnnotation(at tokenIndex: Int) throws(TextError) -> String? {
        var result: String?
        for i in nameAnnotations where cursor.annotations[i].tokenIndex == tokenIndex {
            let a = cursor.annotations[i]
            consumedAnnotations.insert(i)
            guard result == nil else { throw source.error("@name annotation: multiple module names", at: a.offset) }
            guard a.tokens.count == 1, a.tokens[0].kind == .string, UTF8Validation.isValid(a.tokens[0].bytes) else {
                throw source.error("@name annotation: expected one name string", at: a.offset)
            }
            result = String(decoding: a.tokens[0].bytes, as: UTF8.self)
        }
        return result
    }

    /// Turns the module-level `@custom` annotations into custom sections and rejects
    /// `@custom` and `@name` annotations anywhere they mean nothing.
    mutating func collectCustomSections() throws(TextError) {
        let boundaries = Set(fieldStarts).union([endTokenIndex])
        for (i, a) in cursor.annotations.enumerated() {
            switch a.id {
            case "custom":
                guard boundaries.contains(a.tokenIndex) else {
                    throw source.error("misplaced @custom annotation", at: a.offset)
                }
                customSections.append(try customSection(a))
            case "name":
                guard consumedAnnotations.contains(i) else {
                    throw source.error("misplaced @name annotation", at: a.offset)
                }
            default:
                break
            }
        }
    }

    /// `(@custom "name" placement? "data"*)`; placement is `(before|after kind)` with
    /// `first` and `last` as kinds, and defaults to after the last section.
    private func customSection(_ a: Annotation) throws(TextError) -> PendingCustomSection {
        func fail(_ message: String, _ offset: Int) -> TextError {
            source.error("@custom annotation: \(message)", at: offset)
        }
        var tokens = a.tokens[...]
        guard let nameToken = tokens.first, nameToken.kind == .string else {
            throw fail("missing section name", a.tokens.first?.offset ?? a.offset)
        }
        guard UTF8Validation.isValid(nameToken.bytes) else { throw fail("malformed UTF-8 encoding", nameToken.offset) }
        tokens = tokens.dropFirst()
        var placedAfter: UInt8 = 11
        if let open = tokens.first, open.kind == .lparen {
            tokens = tokens.dropFirst()
            guard let where_ = tokens.first, where_.kind == .atom, where_.text == "before" || where_.text == "after" else {
                throw fail("malformed placement", tokens.first?.offset ?? open.offset)
            }
            tokens = tokens.dropFirst()
            guard let kind = tokens.first, kind.kind == .atom,
                  let position = ModuleEncoderOrder.position(of: kind.text) else {
                throw fail("malformed section kind", tokens.first?.offset ?? where_.offset)
            }
            tokens = tokens.dropFirst()
            guard let close = tokens.first, close.kind == .rparen else {
                throw fail("unexpected token", tokens.first?.offset ?? kind.offset)
            }
            tokens = tokens.dropFirst()
            placedAfter = ModuleEncoderOrder.placedAfter(position: position, before: where_.text == "before")
        }
        var payload: [UInt8] = []
        for t in tokens {
            guard t.kind == .string else { throw fail("unexpected token", t.offset) }
            payload.append(contentsOf: t.bytes)
        }
        return PendingCustomSection(name: String(decoding: nameToken.bytes, as: UTF8.self), payload: payload, placedAfter: placedAfter)
    }
}

/// A custom section from `@custom`, placed relative to the standard sections.
struct PendingCustomSection {
    var name: String
    var payload: [UInt8]
    /// The id of the standard section it follows (0: before all of them), as
    /// `CustomSection.placedAfter` means it.
    var placedAfter: UInt8
}

/// Where custom sections can go, in the terms of `@custom` placements.
enum ModuleEncoderOrder {
    /// Standard section ids in binary order, with their text names.
    static let sections: [(name: String, id: UInt8)] = [
        ("type", 1), ("import", 2), ("func", 3), ("table", 4), ("memory", 5), ("tag", 13),
        ("global", 6), ("export", 7), ("start", 8), ("elem", 9), ("datacount", 12),
        ("code", 10), ("data", 11),
    ]

    /// Position in `sections`, with `first` before all and `last` after all.
    static func position(of kind: String) -> Int? {
        if kind == "first" { return -1 }
        if kind == "last" { return sections.count }
        return sections.firstIndex { $0.name == kind }
    }

    static func placedAfter(position: Int, before: Bool) -> UInt8 {
        let p = before ? position - 1 : position
        if p < 0 { return 0 }
        if p >= sections.count { return sections[sections.count - 1].id }
        return sections[p].id
    }
}

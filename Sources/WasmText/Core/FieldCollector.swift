import WasmFormat

/// Pass 1: binds the identifiers of every index space and checks what only the order of
/// fields can tell (imports after definitions).
extension ModuleParser {
    mutating func collectFields() throws(TextError) {
        // The kind of the first definition that is not an import: imports may not follow it.
        var firstDefinition: String?
        while cursor.isLParen {
            let start = cursor.index
            fieldStarts.append(start)
            cursor.next()
            let keyword = cursor.peek()
            guard keyword.kind == .atom else {
                if keyword.kind == .reserved { throw unknownWord(keyword, expected: "a module field") }
                throw cursor.unexpected("a module field")
            }
            cursor.next()
            switch keyword.text {
            case "type":
                try collectType()
            case "rec":
                while cursor.isList("type") {
                    let typeStart = cursor.index
                    cursor.index += 2
                    try collectType()
                    cursor.index = typeStart + 1
                    try cursor.skipToMatchingRParen()
                }
            case "func", "table", "memory", "global", "tag":
                let id = cursor.takeId()
                var imported = false
                while cursor.isLParen, let head = cursor.atom(1), head == "export" || head == "import" {
                    if head == "import" { imported = true }
                    cursor.next()
                    try cursor.skipToMatchingRParen()
                }
                // `(table … (elem …))` and `(memory … (data …))` also define a segment.
                var abbreviatesSegment = false
                if !imported, keyword.text == "table" || keyword.text == "memory" {
                    abbreviatesSegment = try containsChildList(keyword.text == "table" ? "elem" : "data")
                }
                let kind = Self.kindWord(keyword.text)
                if imported {
                    if let first = firstDefinition {
                        throw cursor.error("import after \(first)", at: keyword.offset)
                    }
                } else if firstDefinition == nil {
                    firstDefinition = kind
                }
                try names[keyPath: space(keyword.text)].add(id, in: source)
                if abbreviatesSegment {
                    if keyword.text == "table" { names.elements.addUnnamed(1) } else { names.datas.addUnnamed(1) }
                }
            case "import":
                _ = cursor.takeString()
                _ = cursor.takeString()
                if cursor.isLParen, let kind = cursor.atom(1),
                   ["func", "table", "memory", "global", "tag"].contains(kind) {
                    if let first = firstDefinition {
                        throw cursor.error("import after \(first)", at: keyword.offset)
                    }
                    cursor.index += 2
                    try names[keyPath: space(kind)].add(cursor.takeId(), in: source)
                }
            case "elem":
                try names.elements.add(cursor.takeId(), in: source)
            case "data":
                try names.datas.add(cursor.takeId(), in: source)
            case "export", "start":
                break
            default:
                throw unknownWord(keyword, expected: "a module field")
            }
            cursor.index = start + 1
            try cursor.skipToMatchingRParen()
        }
    }

    /// How "import after …" names a kind of definition.
    private static func kindWord(_ keyword: String) -> String {
        keyword == "func" ? "function" : keyword
    }

    private func space(_ keyword: String) -> WritableKeyPath<ModuleNames, IndexSpace> {
        switch keyword {
        case "func": \.functions
        case "table": \.tables
        case "memory": \.memories
        case "global": \.globals
        default: \.tags
        }
    }

    /// Whether a direct child of the current list is `(word …)`; leaves the cursor alone.
    private func containsChildList(_ word: String) throws(TextError) -> Bool {
        var probe = cursor
        while !probe.isRParen && !probe.atEnd {
            if probe.isList(word) { return true }
            if probe.isLParen {
                probe.next()
                try probe.skipToMatchingRParen()
            } else {
                probe.next()
            }
        }
        return false
    }

    /// `$id? subtype` of a type definition: the type's name and its field names.
    private mutating func collectType() throws(TextError) {
        let index = try names.types.add(cursor.takeId(), in: source)
        if cursor.takeList("sub") {
            _ = cursor.takeAtom("final")
            while cursor.peek().kind == .id || cursor.isUnsigned() { cursor.next() }
        }
        guard cursor.takeList("struct") else { return }
        var fields = IndexSpace(kind: "field")
        while cursor.takeList("field") {
            if let id = cursor.takeId() {
                try fields.add(id, in: source)
            } else {
                // One unnamed field per type written.
                while !cursor.isRParen && !cursor.atEnd {
                    if cursor.isLParen {
                        cursor.next()
                        try cursor.skipToMatchingRParen()
                    } else {
                        cursor.next()
                    }
                    fields.addUnnamed(1)
                }
            }
            try cursor.skipToMatchingRParen()
        }
        names.fields[index] = fields
    }
}

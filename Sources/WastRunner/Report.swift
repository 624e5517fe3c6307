/// What running a script produced: one record per directive, and the counts.
public struct WastReport: Sendable {
    public enum Status: String, Sendable {
        case passed, failed, skipped
    }

    /// How far a directive's module got through assembling, decoding and validation,
    /// whatever then happened to it (compiling, instantiating, the assertion's verdict).
    public enum ModuleCheck: String, Sendable {
        /// The text (or quote) did not assemble.
        case textError
        /// The binary did not decode.
        case malformed
        /// It decoded but breaks a validation rule.
        case invalid
        /// Validation stopped at a feature Loupe does not support yet.
        case unsupported
        /// It decoded and validated. It may still be skipped or fail later, when the
        /// runtime cannot compile or instantiate it.
        case valid
    }

    public struct Record: Sendable {
        public var file: String
        public var line: Int
        public var kind: String
        public var status: Status
        public var message: String
        /// For directives that assemble a module (`module`, `assert_invalid`,
        /// `assert_malformed`, `assert_unlinkable`, a module's `assert_trap`…): how far the
        /// module got; nil for the others.
        public var moduleCheck: ModuleCheck?
    }

    public var file: String
    public var records: [Record] = []

    public init(file: String) {
        self.file = file
    }

    public var passed: Int { records.count { $0.status == .passed } }
    public var failed: Int { records.count { $0.status == .failed } }
    public var skipped: Int { records.count { $0.status == .skipped } }

    /// `N passed, N failed, N skipped`, the runners' summary form.
    public var summary: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }

    mutating func add(_ line: Int, _ kind: String, _ status: Status, _ message: String = "") {
        records.append(Record(file: file, line: line, kind: kind, status: status, message: message))
    }
}

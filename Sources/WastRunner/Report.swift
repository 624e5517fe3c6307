/// What running a script produced: one record per directive, and the counts.
public struct WastReport: Sendable {
    public enum Status: String, Sendable {
        case passed, failed, skipped
    }

    public struct Record: Sendable {
        public var file: String
        public var line: Int
        public var kind: String
        public var status: Status
        public var message: String
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

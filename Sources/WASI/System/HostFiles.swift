#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A host file descriptor the WASI host owns. A guest descriptor and the streams opened
/// from it share one, so it closes when the last of them lets go.
final class OpenFile {
    let fd: Int32

    init(fd: Int32) {
        self.fd = fd
    }

    deinit { close(fd) }
}

/// What kind of file a descriptor or directory entry is (wasi:filesystem's
/// `descriptor-type`).
enum FileKind: String {
    case unknown, blockDevice = "block-device", characterDevice = "character-device", directory, fifo
    case symbolicLink = "symbolic-link", regularFile = "regular-file", socket

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFBLK: self = .blockDevice
        case S_IFCHR: self = .characterDevice
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFLNK: self = .symbolicLink
        case S_IFREG: self = .regularFile
        case S_IFSOCK: self = .socket
        default: self = .unknown
        }
    }

    /// preview 1's `filetype` (it has no fifo: a fifo is `unknown` there).
    var preview1Filetype: UInt8 {
        switch self {
        case .unknown, .fifo: 0
        case .blockDevice: 1
        case .characterDevice: 2
        case .directory: 3
        case .regularFile: 4
        case .socket: 6
        case .symbolicLink: 7
        }
    }
}

/// A point in wall-clock time, as WASI's `datetime` writes it.
struct Timestamp {
    var seconds: UInt64
    var nanoseconds: UInt32

    init(seconds: UInt64, nanoseconds: UInt32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ t: timespec) {
        seconds = UInt64(bitPattern: Int64(t.tv_sec))
        nanoseconds = UInt32(truncatingIfNeeded: t.tv_nsec)
    }

    var totalNanoseconds: UInt64 { seconds &* 1_000_000_000 &+ UInt64(nanoseconds) }
}

/// The `tv_nsec` values that tell `utimensat` to leave a time alone or set it to now.
#if canImport(Darwin)
let timestampOmit = Int(UTIME_OMIT), timestampNow = Int(UTIME_NOW)
#else
// Glibc defines them as macros Swift does not import; these are Linux's values.
let timestampOmit = (1 << 30) - 2, timestampNow = (1 << 30) - 1
#endif

/// The parts of a host `stat` WASI reports.
struct FileStatus {
    var kind: FileKind
    var device: UInt64
    var inode: UInt64
    var linkCount: UInt64
    var size: UInt64
    var accessed: Timestamp
    var modified: Timestamp
    var changed: Timestamp

    init(_ s: stat) {
        kind = FileKind(mode: s.st_mode)
        device = UInt64(truncatingIfNeeded: s.st_dev)
        inode = UInt64(truncatingIfNeeded: s.st_ino)
        linkCount = UInt64(truncatingIfNeeded: s.st_nlink)
        size = UInt64(truncatingIfNeeded: s.st_size)
        #if canImport(Darwin)
        accessed = Timestamp(s.st_atimespec)
        modified = Timestamp(s.st_mtimespec)
        changed = Timestamp(s.st_ctimespec)
        #else
        accessed = Timestamp(s.st_atim)
        modified = Timestamp(s.st_mtim)
        changed = Timestamp(s.st_ctim)
        #endif
    }

    static func of(_ fd: Int32) throws(FileError) -> FileStatus {
        var s = stat()
        try check { fstat(fd, &s) }
        return FileStatus(s)
    }

    /// The status of `name` in directory `dir`, not following a final symbolic link.
    static func of(_ name: String, in dir: Int32) throws(FileError) -> FileStatus {
        var s = stat()
        try check { fstatat(dir, name, &s, AT_SYMLINK_NOFOLLOW) }
        return FileStatus(s)
    }
}

/// An entry of a directory listing.
struct DirectoryEntry {
    var name: String
    var kind: FileKind
}

enum HostDirectory {
    /// The entries of an open directory, without `.` and `..`, read in one go (guests list
    /// directories through a stream of entries, and a snapshot keeps that stream simple).
    static func entries(of fd: Int32) throws(FileError) -> [DirectoryEntry] {
        let copy = try check { dup(fd) }
        guard let dir = fdopendir(copy) else {
            let e = FileError.last
            close(copy)
            throw e
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var out: [DirectoryEntry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var kind: FileKind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_REG): kind = .regularFile
            case Int32(DT_LNK): kind = .symbolicLink
            case Int32(DT_FIFO): kind = .fifo
            case Int32(DT_SOCK): kind = .socket
            case Int32(DT_CHR): kind = .characterDevice
            case Int32(DT_BLK): kind = .blockDevice
            default: kind = (try? FileStatus.of(name, in: fd).kind) ?? .unknown
            }
            out.append(DirectoryEntry(name: name, kind: kind))
        }
        return out
    }
}

/// `read(2)`, `poll(2)` and `write(2)`, under names that types with `read` and `write` methods of
/// their own can call.
func hostRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
func hostPoll(_ fds: UnsafeMutablePointer<pollfd>?, _ count: nfds_t, _ timeout: Int32) -> Int32 { poll(fds, count, timeout) }
func hostWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }

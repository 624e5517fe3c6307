#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open host file or directory and the rights it was opened with (wasi:filesystem's
/// `descriptor`; preview 1's file descriptors are these too). Paths given to a directory descriptor are resolved inside it
/// (`SandboxedPath`).
final class Descriptor {
    let file: OpenFile
    let kind: FileKind
    /// The `descriptor-flags` it was opened with (`read`, `write`, `mutate-directory`, …).
    let flags: Set<String>

    init(file: OpenFile, kind: FileKind, flags: Set<String>) {
        self.file = file
        self.kind = kind
        self.flags = flags
    }

    var fd: Int32 { file.fd }

    /// The descriptor of a preopened directory: it may be read and changed.
    static func preopen(_ file: OpenFile) -> Descriptor {
        Descriptor(file: file, kind: .directory, flags: ["read", "mutate-directory"])
    }

    func resolve(_ path: String, followingFinalLink: Bool) throws(FileError) -> SandboxedPath {
        guard kind == .directory else { throw .notDirectory }
        return try SandboxedPath.resolve(path, from: fd, followingFinalLink: followingFinalLink)
    }

    /// Opens `path` (`open-at`): `open` holds the `open-flags` (`create`, `directory`,
    /// `exclusive`, `truncate`), `rights` the `descriptor-flags` the new one gets.
    func open(_ path: String, followingFinalLink: Bool, open: Set<String>, rights: Set<String>) throws(FileError) -> Descriptor {
        if !flags.contains("mutate-directory") && (open.contains("create") || open.contains("truncate") || rights.contains("write")) {
            throw .notPermitted
        }
        let target = try resolve(path, followingFinalLink: followingFinalLink)
        var oflags = O_CLOEXEC | O_NOFOLLOW
        let reads = rights.contains("read"), writes = rights.contains("write")
        oflags |= writes ? (reads ? O_RDWR : O_WRONLY) : O_RDONLY
        if open.contains("create") { oflags |= O_CREAT }
        if open.contains("directory") { oflags |= O_DIRECTORY }
        if open.contains("exclusive") { oflags |= O_EXCL }
        if open.contains("truncate") { oflags |= O_TRUNC }
        if rights.contains("file-integrity-sync") { oflags |= O_SYNC }
        if rights.contains("data-integrity-sync") { oflags |= O_DSYNC }
        let fd = try check { openat(target.directory, target.name, oflags, 0o666) }
        let file = OpenFile(fd: fd)
        let kind = try FileStatus.of(fd).kind
        // A directory opened from a mutable one may be changed too.
        var granted = rights
        if kind == .directory && flags.contains("mutate-directory") { granted.insert("mutate-directory") }
        return Descriptor(file: file, kind: kind, flags: granted)
    }

    /// The status of `path` (`stat-at`).
    func status(of path: String, followingFinalLink: Bool) throws(FileError) -> FileStatus {
        let target = try resolve(path, followingFinalLink: followingFinalLink)
        return try FileStatus.of(target.name, in: target.directory)
    }

    /// Resolves a path for an operation that changes the directory.
    func resolveForChange(_ path: String) throws(FileError) -> SandboxedPath {
        guard flags.contains("mutate-directory") else { throw .notPermitted }
        return try resolve(path, followingFinalLink: false)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A guest path resolved inside a directory descriptor: the directory holding its last
/// component, and that component (`.` when the path names the directory itself).
///
/// The host walks the path one component at a time with `openat(O_NOFOLLOW)` and reads
/// symbolic links itself, so the kernel never follows a link or a `..` on the guest's
/// behalf: an absolute path, a `..` above the starting directory or a link that leads
/// out of it is refused with `not-permitted` before anything outside is touched. Each
/// descriptor is its own root, as WASI's capability model has it.
final class SandboxedPath {
    /// The directory containing `name`; closed with this value unless it is the start.
    let directory: Int32
    let name: String
    private let ownsDirectory: Bool

    private init(directory: Int32, name: String, ownsDirectory: Bool) {
        self.directory = directory
        self.name = name
        self.ownsDirectory = ownsDirectory
    }

    deinit {
        if ownsDirectory { close(directory) }
    }

    /// How many symbolic links one resolution may pass through before it is a `loop`.
    static let maxSymbolicLinks = 40

    /// Resolves `path` from directory `base`; when `followingFinalLink` the last component
    /// may be a symbolic link, which is resolved (inside the sandbox) too.
    static func resolve(_ path: String, from base: Int32, followingFinalLink: Bool) throws(FileError) -> SandboxedPath {
        if path.isEmpty { throw .noEntry }
        if path.utf8.contains(0) { throw .illegalByteSequence }
        if path.hasPrefix("/") { throw .notPermitted }
        var pending = Array(path.split(separator: "/", omittingEmptySubsequences: true).reversed().map(String.init))
        // Directories opened on the way down; the last is the current one.
        var opened: [Int32] = []
        var current: Int32 { opened.last ?? base }
        func finish(_ name: String) -> SandboxedPath {
            let dir = opened.popLast()
            for fd in opened { close(fd) }
            return SandboxedPath(directory: dir ?? base, name: name, ownsDirectory: dir != nil)
        }
        func fail(_ e: FileError) -> FileError {
            for fd in opened { close(fd) }
            return e
        }
        var linksFollowed = 0
        while let component = pending.popLast() {
            if component == "." {
                if pending.isEmpty { return finish(".") }
                continue
            }
            if component == ".." {
                guard let fd = opened.popLast() else { throw fail(.notPermitted) }
                close(fd)
                if pending.isEmpty { return finish(".") }
                continue
            }
            let isLast = pending.isEmpty
            if isLast && !followingFinalLink { return finish(component) }
            let status: FileStatus
            do {
                status = try FileStatus.of(component, in: current)
            } catch .noEntry where isLast {
                return finish(component)
            } catch {
                throw fail(error)
            }
            if status.kind == .symbolicLink {
                linksFollowed += 1
                guard linksFollowed <= maxSymbolicLinks else { throw fail(.loop) }
                let target: String
                do {
                    target = try readLink(component, in: current)
                } catch {
                    throw fail(error)
                }
                guard !target.hasPrefix("/") else { throw fail(.notPermitted) }
                pending += target.split(separator: "/", omittingEmptySubsequences: true).reversed().map(String.init)
                if pending.isEmpty { return finish(".") }
                continue
            }
            if isLast { return finish(component) }
            guard status.kind == .directory else { throw fail(.notDirectory) }
            let fd = openat(current, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw fail(.last) }
            opened.append(fd)
        }
        return finish(".")
    }

    /// The target of the symbolic link `name` in `dir`.
    static func readLink(_ name: String, in dir: Int32) throws(FileError) -> String {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = try check { readlinkat(dir, name, &buffer, buffer.count) }
        return String(decoding: buffer[..<n], as: UTF8.self)
    }
}

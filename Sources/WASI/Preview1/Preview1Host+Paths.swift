#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CoreRuntime

/// preview 1's `path_*` functions: every path is resolved inside the directory
/// descriptor it is given (`SandboxedPath`).
extension Preview1Host {
    /// `lookupflags.symlink_follow`.
    static func follows(_ lookupflags: UInt32) -> Bool { lookupflags & 1 != 0 }

    func registerPaths(_ linker: Linker) {
        define(linker, "path_open", [.i32, .i32, .i32, .i32, .i32, .i64, .i64, .i32, .i32]) { m, a in
            let dir = try self.directory(a.u32(0))
            let path = try m.string(a.u32(2), a.u32(3))
            let oflags = a.u32(4), rightsBase = a.u64(5), fdflags = a.u32(7)
            var open: Set<String> = []
            if oflags & 1 != 0 { open.insert("create") }
            if oflags & 2 != 0 { open.insert("directory") }
            if oflags & 4 != 0 { open.insert("exclusive") }
            if oflags & 8 != 0 { open.insert("truncate") }
            // fd_read, fd_readdir; fd_write, fd_allocate, fd_filestat_set_size.
            var rights: Set<String> = []
            if rightsBase & (1 << 1 | 1 << 14) != 0 || open.contains("directory") { rights.insert("read") }
            if rightsBase & (1 << 6 | 1 << 8 | 1 << 22) != 0 && !open.contains("directory") { rights.insert("write") }
            if fdflags & 16 != 0 { rights.insert("file-integrity-sync") }
            if fdflags & 2 != 0 { rights.insert("data-integrity-sync") }
            let opened = try dir.open(path, followingFinalLink: Self.follows(a.u32(1)), open: open, rights: rights)
            if fdflags & 1 != 0 {
                let old = try check { fcntl(opened.fd, F_GETFL) }
                try check { fcntl(opened.fd, F_SETFL, old | O_APPEND) }
            }
            let fd = self.nextFreeDescriptor()
            self.files[fd] = Preview1File(descriptor: opened)
            try m.store(fd, at: a.u32(8))
        }
        define(linker, "path_filestat_get", [.i32, .i32, .i32, .i32, .i32]) { m, a in
            let dir = try self.directory(a.u32(0))
            let status = try dir.status(of: try m.string(a.u32(2), a.u32(3)), followingFinalLink: Self.follows(a.u32(1)))
            try Self.storeFilestat(status, m, at: a.u32(4))
        }
        define(linker, "path_filestat_set_times", [.i32, .i32, .i32, .i32, .i64, .i64, .i32]) { m, a in
            let target = try self.directory(a.u32(0)).resolve(try m.string(a.u32(2), a.u32(3)),
                                                              followingFinalLink: Self.follows(a.u32(1)))
            var times = try Self.times(a.u64(4), a.u64(5), a.u32(6))
            try check { utimensat(target.directory, target.name, &times, AT_SYMLINK_NOFOLLOW) }
        }
        define(linker, "path_create_directory", [.i32, .i32, .i32]) { m, a in
            let target = try self.directory(a.u32(0)).resolveForChange(try m.string(a.u32(1), a.u32(2)))
            try check { mkdirat(target.directory, target.name, 0o777) }
        }
        define(linker, "path_remove_directory", [.i32, .i32, .i32]) { m, a in
            let target = try self.directory(a.u32(0)).resolveForChange(try m.string(a.u32(1), a.u32(2)))
            try check { unlinkat(target.directory, target.name, AT_REMOVEDIR) }
        }
        define(linker, "path_unlink_file", [.i32, .i32, .i32]) { m, a in
            let target = try self.directory(a.u32(0)).resolveForChange(try m.string(a.u32(1), a.u32(2)))
            try check { unlinkat(target.directory, target.name, 0) }
        }
        define(linker, "path_readlink", [.i32, .i32, .i32, .i32, .i32, .i32]) { m, a in
            let target = try self.directory(a.u32(0)).resolve(try m.string(a.u32(1), a.u32(2)), followingFinalLink: false)
            let bytes = Array(try SandboxedPath.readLink(target.name, in: target.directory).utf8)
            let used = min(bytes.count, Int(a.u32(4)))
            try m.write(bytes[..<used], at: a.u32(3))
            try m.store(UInt32(used), at: a.u32(5))
        }
        define(linker, "path_rename", [.i32, .i32, .i32, .i32, .i32, .i32]) { m, a in
            let source = try self.directory(a.u32(0)).resolveForChange(try m.string(a.u32(1), a.u32(2)))
            let place = try self.directory(a.u32(3)).resolveForChange(try m.string(a.u32(4), a.u32(5)))
            try check { renameat(source.directory, source.name, place.directory, place.name) }
        }
        define(linker, "path_symlink", [.i32, .i32, .i32, .i32, .i32]) { m, a in
            let linkTarget = try m.string(a.u32(0), a.u32(1))
            guard !linkTarget.hasPrefix("/") else { throw Errno.perm }
            let place = try self.directory(a.u32(2)).resolveForChange(try m.string(a.u32(3), a.u32(4)))
            try check { symlinkat(linkTarget, place.directory, place.name) }
        }
        define(linker, "path_link", [.i32, .i32, .i32, .i32, .i32, .i32, .i32]) { m, a in
            let source = try self.directory(a.u32(0)).resolve(try m.string(a.u32(2), a.u32(3)),
                                                              followingFinalLink: Self.follows(a.u32(1)))
            let place = try self.directory(a.u32(4)).resolveForChange(try m.string(a.u32(5), a.u32(6)))
            try check { linkat(source.directory, source.name, place.directory, place.name, 0) }
        }
    }

    /// The lowest descriptor number not in use.
    func nextFreeDescriptor() -> UInt32 {
        var fd: UInt32 = 3
        while files[fd] != nil { fd += 1 }
        return fd
    }
}

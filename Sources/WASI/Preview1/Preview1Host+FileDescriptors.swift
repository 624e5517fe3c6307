#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CoreRuntime

/// preview 1's `fd_*` functions.
extension Preview1Host {
    /// Every right there is: this host confines by path, not by rights.
    static let allRights: UInt64 = (1 << 29) - 1

    func registerFileDescriptors(_ linker: Linker) {
        registerReadWrite(linker)
        registerMetadata(linker)
        registerDirectories(linker)
        define(linker, "fd_close", [.i32]) { _, a in
            guard self.files.removeValue(forKey: a.u32(0)) != nil else { throw Errno.badf }
        }
        define(linker, "fd_renumber", [.i32, .i32]) { _, a in
            let f = try self.file(a.u32(0))
            guard self.files[a.u32(1)] != nil else { throw Errno.badf }
            self.files[a.u32(1)] = f
            self.files[a.u32(0)] = nil
        }
        define(linker, "fd_sync", [.i32]) { _, a in
            let fd = try self.file(a.u32(0)).hostFD
            try check { fsync(fd) }
        }
        define(linker, "fd_datasync", [.i32]) { _, a in
            let fd = try self.file(a.u32(0)).hostFD
            try check { fdatasync(fd) }
        }
        define(linker, "fd_advise", [.i32, .i64, .i64, .i32]) { _, a in _ = try self.file(a.u32(0)) }
        define(linker, "fd_allocate", [.i32, .i64, .i64]) { _, a in
            _ = try self.file(a.u32(0))
            throw Errno.notsup
        }
    }

    private func registerReadWrite(_ linker: Linker) {
        define(linker, "fd_write", [.i32, .i32, .i32, .i32]) { m, a in
            let fd = try self.file(a.u32(0)).hostFD
            var total: UInt32 = 0
            for b in try m.iovecs(a.u32(1), a.u32(2)) where b.count > 0 {
                var done = 0
                while done < b.count {
                    let n = try check { retryingInterrupts { hostWrite(fd, b.baseAddress! + done, b.count - done) } }
                    done += n
                }
                total &+= UInt32(b.count)
            }
            try m.store(total, at: a.u32(3))
        }
        define(linker, "fd_read", [.i32, .i32, .i32, .i32]) { m, a in
            let fd = try self.file(a.u32(0)).hostFD
            var total: UInt32 = 0
            for b in try m.iovecs(a.u32(1), a.u32(2)) where b.count > 0 {
                let n = try check { retryingInterrupts { hostRead(fd, b.baseAddress, b.count) } }
                total &+= UInt32(n)
                if n < b.count { break }
            }
            try m.store(total, at: a.u32(3))
        }
        define(linker, "fd_pwrite", [.i32, .i32, .i32, .i64, .i32]) { m, a in
            let fd = try self.seekable(a.u32(0)).fd
            let total = try Self.transfer(try m.iovecs(a.u32(1), a.u32(2)), at: a.u64(3)) { pwrite(fd, $0, $1, $2) }
            try m.store(total, at: a.u32(4))
        }
        define(linker, "fd_pread", [.i32, .i32, .i32, .i64, .i32]) { m, a in
            let fd = try self.seekable(a.u32(0)).fd
            let total = try Self.transfer(try m.iovecs(a.u32(1), a.u32(2)), at: a.u64(3)) { pread(fd, $0, $1, $2) }
            try m.store(total, at: a.u32(4))
        }
        define(linker, "fd_seek", [.i32, .i64, .i32, .i32]) { m, a in
            let fd = try self.seekable(a.u32(0)).fd
            let whence: Int32
            switch a.u32(2) {
            case 0: whence = SEEK_SET
            case 1: whence = SEEK_CUR
            case 2: whence = SEEK_END
            default: throw Errno.inval
            }
            let position = try check { lseek(fd, off_t(Int64(bitPattern: a.u64(1))), whence) }
            try m.store(UInt64(position), at: a.u32(3))
        }
        define(linker, "fd_tell", [.i32, .i32]) { m, a in
            let fd = try self.seekable(a.u32(0)).fd
            try m.store(UInt64(try check { lseek(fd, 0, SEEK_CUR) }), at: a.u32(1))
        }
    }

    /// A descriptor that has a position: the standard streams have none (`spipe`).
    private func seekable(_ fd: UInt32) throws(Errno) -> Descriptor {
        guard let d = try file(fd).descriptor else { throw .spipe }
        return d
    }

    private func registerMetadata(_ linker: Linker) {
        define(linker, "fd_fdstat_get", [.i32, .i32]) { m, a in
            let f = try self.file(a.u32(0)), p = a.u32(1)
            let status = try FileStatus.of(f.hostFD)
            let hostFlags = fcntl(f.hostFD, F_GETFL)
            var flags: UInt16 = 0
            if hostFlags >= 0 && hostFlags & O_APPEND != 0 { flags |= 1 }
            if hostFlags >= 0 && hostFlags & O_NONBLOCK != 0 { flags |= 4 }
            try m.store(status.kind.preview1Filetype, at: p)
            try m.store(flags, at: p + 2)
            try m.store(Self.allRights, at: p + 8)
            try m.store(Self.allRights, at: p + 16)
        }
        define(linker, "fd_fdstat_set_flags", [.i32, .i32]) { _, a in
            let fd = try self.file(a.u32(0)).hostFD
            let old = try check { fcntl(fd, F_GETFL) }
            let append = a.u32(1) & 1 != 0
            try check { fcntl(fd, F_SETFL, append ? old | O_APPEND : old & ~O_APPEND) }
        }
        define(linker, "fd_fdstat_set_rights", [.i32, .i64, .i64]) { _, a in _ = try self.file(a.u32(0)) }
        define(linker, "fd_filestat_get", [.i32, .i32]) { m, a in
            try Self.storeFilestat(try FileStatus.of(try self.file(a.u32(0)).hostFD), m, at: a.u32(1))
        }
        define(linker, "fd_filestat_set_size", [.i32, .i64]) { _, a in
            let fd = try self.seekable(a.u32(0)).fd
            try check { ftruncate(fd, off_t(Int64(bitPattern: a.u64(1)))) }
        }
        define(linker, "fd_filestat_set_times", [.i32, .i64, .i64, .i32]) { _, a in
            let fd = try self.file(a.u32(0)).hostFD
            var times = try Self.times(a.u64(1), a.u64(2), a.u32(3))
            try check { futimens(fd, &times) }
        }
    }

    private func registerDirectories(_ linker: Linker) {
        define(linker, "fd_prestat_get", [.i32, .i32]) { m, a in
            guard let name = try self.file(a.u32(0)).preopenName else { throw Errno.badf }
            try m.store(UInt8(0), at: a.u32(1))
            try m.store(UInt32(name.utf8.count), at: a.u32(1) + 4)
        }
        define(linker, "fd_prestat_dir_name", [.i32, .i32, .i32]) { m, a in
            guard let name = try self.file(a.u32(0)).preopenName else { throw Errno.badf }
            let bytes = Array(name.utf8)
            guard bytes.count <= Int(a.u32(2)) else { throw Errno.nametoolong }
            try m.write(bytes, at: a.u32(1))
        }
        define(linker, "fd_readdir", [.i32, .i32, .i32, .i64, .i32]) { m, a in
            let d = try self.directory(a.u32(0))
            let dirInode = try FileStatus.of(d.fd).inode
            var entries = [(name: ".", kind: FileKind.directory, inode: dirInode), ("..", .directory, dirInode)]
            for e in try HostDirectory.entries(of: d.fd) {
                entries.append((e.name, e.kind, (try? FileStatus.of(e.name, in: d.fd).inode) ?? 0))
            }
            // Entries from the cookie on, each a 24-byte dirent and its name, cut off
            // where the buffer ends (the guest then asks again from a later cookie).
            var out: [UInt8] = []
            let capacity = Int(a.u32(2))
            let cookie = a.u64(3)
            var index = cookie
            while index < UInt64(entries.count) && out.count < capacity {
                let e = entries[Int(index)]
                let name = Array(e.name.utf8)
                index += 1
                withUnsafeBytes(of: index.littleEndian) { out += $0 }
                withUnsafeBytes(of: e.inode.littleEndian) { out += $0 }
                withUnsafeBytes(of: UInt32(name.count).littleEndian) { out += $0 }
                out += [e.kind.preview1Filetype, 0, 0, 0]
                out += name
            }
            let used = min(out.count, capacity)
            try m.write(out[..<used], at: a.u32(1))
            try m.store(UInt32(used), at: a.u32(4))
        }
    }

    /// Writes a preview 1 `filestat` (64 bytes).
    static func storeFilestat(_ s: FileStatus, _ m: GuestMemory, at p: UInt32) throws(Errno) {
        try m.store(s.device, at: p)
        try m.store(s.inode, at: p + 8)
        try m.store(s.kind.preview1Filetype, at: p + 16)
        try m.store(s.linkCount, at: p + 24)
        try m.store(s.size, at: p + 32)
        try m.store(s.accessed.totalNanoseconds, at: p + 40)
        try m.store(s.modified.totalNanoseconds, at: p + 48)
        try m.store(s.changed.totalNanoseconds, at: p + 56)
    }

    /// The access and modification times `fstflags` asks for, as `utimensat` takes them.
    static func times(_ access: UInt64, _ modification: UInt64, _ fstflags: UInt32) throws(Errno) -> [timespec] {
        func time(_ t: UInt64, set: UInt32, now: UInt32) throws(Errno) -> timespec {
            if fstflags & set != 0 && fstflags & now != 0 { throw .inval }
            if fstflags & now != 0 { return timespec(tv_sec: 0, tv_nsec: timestampNow) }
            if fstflags & set != 0 { return timespec(tv_sec: Int(t / 1_000_000_000), tv_nsec: Int(t % 1_000_000_000)) }
            return timespec(tv_sec: 0, tv_nsec: timestampOmit)
        }
        return [try time(access, set: 1, now: 2), try time(modification, set: 4, now: 8)]
    }

    /// `fd_pread`/`fd_pwrite`: one positioned transfer per buffer from `offset` on,
    /// stopping at the first short one; the bytes moved.
    static func transfer(_ buffers: [UnsafeMutableRawBufferPointer], at offset: UInt64,
                         _ move: (UnsafeMutableRawPointer?, Int, off_t) -> Int) throws(FileError) -> UInt32 {
        var offset = offset, total: UInt32 = 0
        for b in buffers where b.count > 0 {
            let n = try check { move(b.baseAddress, b.count, off_t(offset)) }
            total &+= UInt32(n)
            offset &+= UInt64(n)
            if n < b.count { break }
        }
        return total
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentRuntime
import CoreRuntime

/// wasi:filesystem: `types` (descriptors and directory listings) and `preopens` (the
/// directories granted with `--dir`). Nothing outside a preopen can be named: every path
/// goes through `SandboxedPath`.
extension WASIHost {
    func registerFilesystem(_ root: LinkerNamespace) {
        let types = interface("wasi:filesystem/types", in: root)
        types.resource("descriptor", descriptorType)
        types.resource("directory-entry-stream", directoryStreamType)
        registerStreamsAndData(types)
        registerMetadata(types)
        registerDirectories(types)
        types.function("[method]directory-entry-stream.read-directory-entry") { a in
            let stream = try self.lookup(self.directoryStreams, a.rep(0), "directory-entry-stream")
            let entry = stream.nextEntry().map { e in
                Val.record([.init("type", .enum(e.kind.rawValue)), .init("name", .string(e.name))])
            }
            return [.ok(.option(entry))]
        }
        types.function("filesystem-error-code") { a in
            [.option(try self.lookup(self.errors, a.rep(0), "error").code.map { .enum($0.rawValue) })]
        }

        interface("wasi:filesystem/preopens", in: root).function("get-directories") { _ in
            [.list(self.preopens.map { p in
                .tuple([.resource(.own(self.descriptorType, rep: self.descriptors.add(.preopen(p.file)))), .string(p.guestPath)])
            })]
        }
    }

    /// Defines `[method]descriptor.NAME`, whose result is `result<T, error-code>`: a
    /// `FileError` the body throws becomes the `error` case.
    private func method(_ types: LinkerNamespace, _ name: String, _ body: @escaping (Descriptor, [Val]) throws -> Val?) {
        types.function("[method]descriptor.\(name)") { a in
            let d = try self.lookup(self.descriptors, a.rep(0), "descriptor")
            do {
                return [.ok(try body(d, a))]
            } catch let e as FileError {
                return [.err(.enum(e.rawValue))]
            }
        }
    }

    private func registerStreamsAndData(_ types: LinkerNamespace) {
        method(types, "read-via-stream") { d, a in
            guard d.kind != .directory else { throw FileError.isDirectory }
            guard d.flags.contains("read") else { throw FileError.badDescriptor }
            return .resource(.own(self.inputStreamType, rep: self.inputStreams.add(InputStream(.file(d.file), offset: try a.u64(1)))))
        }
        method(types, "write-via-stream") { d, a in
            guard d.flags.contains("write") else { throw FileError.badDescriptor }
            return .resource(.own(self.outputStreamType, rep: self.outputStreams.add(OutputStream(.file(d.file), offset: try a.u64(1)))))
        }
        method(types, "append-via-stream") { d, _ in
            guard d.flags.contains("write") else { throw FileError.badDescriptor }
            return .resource(.own(self.outputStreamType, rep: self.outputStreams.add(OutputStream(.append(d.file)))))
        }
        method(types, "read") { d, a in
            guard d.flags.contains("read") else { throw FileError.badDescriptor }
            let wanted = Int(min(try a.u64(1), UInt64(maxReadLength))), offset = try a.u64(2)
            var buffer = [UInt8](repeating: 0, count: wanted)
            let got = try check { buffer.withUnsafeMutableBytes { pread(d.fd, $0.baseAddress, wanted, off_t(offset)) } }
            return .tuple([.bytes(buffer[..<got]), .bool(got < wanted)])
        }
        method(types, "write") { d, a in
            guard d.flags.contains("write") else { throw FileError.badDescriptor }
            let bytes = try a.bytes(1), offset = try a.u64(2)
            let n = try check { bytes.withUnsafeBytes { pwrite(d.fd, $0.baseAddress, bytes.count, off_t(offset)) } }
            return .u64(UInt64(n))
        }
        method(types, "advise") { _, _ in nil }
        method(types, "sync-data") { d, _ in try check { fdatasync(d.fd) }; return nil }
        method(types, "sync") { d, _ in try check { fsync(d.fd) }; return nil }
        method(types, "set-size") { d, a in
            guard d.flags.contains("write") else { throw FileError.badDescriptor }
            let size = try a.u64(1)
            guard size <= UInt64(Int64.max) else { throw FileError.fileTooLarge }
            try check { ftruncate(d.fd, off_t(size)) }
            return nil
        }
    }

    private func registerMetadata(_ types: LinkerNamespace) {
        method(types, "get-flags") { d, _ in .flags(Self.descriptorFlags.filter(d.flags.contains)) }
        method(types, "get-type") { d, _ in .enum(d.kind.rawValue) }
        method(types, "stat") { d, _ in Self.stat(try FileStatus.of(d.fd)) }
        method(types, "stat-at") { d, a in
            Self.stat(try d.status(of: try a.string(2), followingFinalLink: try a.flags(1).contains("symlink-follow")))
        }
        method(types, "set-times") { d, a in
            var times = [try Self.time(a.argument(1)), try Self.time(a.argument(2))]
            try check { futimens(d.fd, &times) }
            return nil
        }
        method(types, "set-times-at") { d, a in
            let target = try d.resolve(try a.string(2), followingFinalLink: try a.flags(1).contains("symlink-follow"))
            var times = [try Self.time(a.argument(3)), try Self.time(a.argument(4))]
            try check { utimensat(target.directory, target.name, &times, AT_SYMLINK_NOFOLLOW) }
            return nil
        }
        method(types, "metadata-hash") { d, _ in Self.metadataHash(try FileStatus.of(d.fd)) }
        method(types, "metadata-hash-at") { d, a in
            Self.metadataHash(try d.status(of: try a.string(2), followingFinalLink: try a.flags(1).contains("symlink-follow")))
        }
        types.function("[method]descriptor.is-same-object") { a in
            let x = try self.lookup(self.descriptors, a.rep(0), "descriptor")
            let y = try self.lookup(self.descriptors, a.rep(1), "descriptor")
            guard let s = try? FileStatus.of(x.fd), let t = try? FileStatus.of(y.fd) else { return [.bool(false)] }
            return [.bool(s.device == t.device && s.inode == t.inode)]
        }
    }

    private func registerDirectories(_ types: LinkerNamespace) {
        method(types, "open-at") { d, a in
            let opened = try d.open(try a.string(2), followingFinalLink: try a.flags(1).contains("symlink-follow"),
                                    open: try a.flags(3), rights: try a.flags(4))
            return .resource(.own(self.descriptorType, rep: self.descriptors.add(opened)))
        }
        method(types, "read-directory") { d, _ in
            guard d.kind == .directory else { throw FileError.notDirectory }
            let stream = DirectoryEntryStream(try HostDirectory.entries(of: d.fd))
            return .resource(.own(self.directoryStreamType, rep: self.directoryStreams.add(stream)))
        }
        method(types, "create-directory-at") { d, a in
            let target = try d.resolveForChange(try a.string(1))
            try check { mkdirat(target.directory, target.name, 0o777) }
            return nil
        }
        method(types, "remove-directory-at") { d, a in
            let target = try d.resolveForChange(try a.string(1))
            try check { unlinkat(target.directory, target.name, AT_REMOVEDIR) }
            return nil
        }
        method(types, "unlink-file-at") { d, a in
            let target = try d.resolveForChange(try a.string(1))
            try check { unlinkat(target.directory, target.name, 0) }
            return nil
        }
        method(types, "readlink-at") { d, a in
            let target = try d.resolve(try a.string(1), followingFinalLink: false)
            return .string(try SandboxedPath.readLink(target.name, in: target.directory))
        }
        method(types, "symlink-at") { d, a in
            // A link the guest makes may not point out of the sandbox either.
            let linkTarget = try a.string(1)
            guard !linkTarget.hasPrefix("/") else { throw FileError.notPermitted }
            let place = try d.resolveForChange(try a.string(2))
            try check { symlinkat(linkTarget, place.directory, place.name) }
            return nil
        }
        method(types, "link-at") { d, a in
            let source = try d.resolve(try a.string(2), followingFinalLink: try a.flags(1).contains("symlink-follow"))
            let other = try self.lookup(self.descriptors, a.rep(3), "descriptor")
            let place = try other.resolveForChange(try a.string(4))
            try check { linkat(source.directory, source.name, place.directory, place.name, 0) }
            return nil
        }
        method(types, "rename-at") { d, a in
            let source = try d.resolveForChange(try a.string(1))
            let other = try self.lookup(self.descriptors, a.rep(2), "descriptor")
            let place = try other.resolveForChange(try a.string(3))
            try check { renameat(source.directory, source.name, place.directory, place.name) }
            return nil
        }
    }

    static let descriptorFlags = ["read", "write", "file-integrity-sync", "data-integrity-sync", "requested-write-sync", "mutate-directory"]

    /// A `descriptor-stat` record.
    static func stat(_ s: FileStatus) -> Val {
        .record([
            .init("type", .enum(s.kind.rawValue)),
            .init("link-count", .u64(s.linkCount)),
            .init("size", .u64(s.size)),
            .init("data-access-timestamp", .option(.datetime(s.accessed))),
            .init("data-modification-timestamp", .option(.datetime(s.modified))),
            .init("status-change-timestamp", .option(.datetime(s.changed))),
        ])
    }

    /// A `new-timestamp` as `utimensat` takes it.
    static func time(_ v: Val) throws -> timespec {
        switch v {
        case .variant("no-change", _): return timespec(tv_sec: 0, tv_nsec: timestampOmit)
        case .variant("now", _): return timespec(tv_sec: 0, tv_nsec: timestampNow)
        case .variant("timestamp", .record(let fields)?):
            guard case .u64(let s)? = fields.first(where: { $0.name == "seconds" })?.value,
                  case .u32(let ns)? = fields.first(where: { $0.name == "nanoseconds" })?.value else { break }
            guard s <= UInt64(Int.max), ns < 1_000_000_000 else { throw FileError.invalid }
            return timespec(tv_sec: Int(s), tv_nsec: Int(ns))
        default: break
        }
        throw Trap(.host("WASI: \(v) is not a new-timestamp"))
    }

    /// A `metadata-hash-value`: the same for two descriptors of one file, without giving
    /// away the host's device and inode numbers as they are.
    static func metadataHash(_ s: FileStatus) -> Val {
        func mix(_ x: UInt64) -> UInt64 {
            var z = x &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return .record([.init("lower", .u64(mix(s.inode ^ mix(s.device)))), .init("upper", .u64(mix(s.device ^ mix(s.inode))))])
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a filesystem operation failed, by the names of wasi:filesystem's `error-code`
/// enum; preview 1 reports the same causes with its own `errno` numbers.
enum FileError: String, Error, CaseIterable {
    case access, wouldBlock = "would-block", already, badDescriptor = "bad-descriptor", busy, deadlock, quota, exist
    case fileTooLarge = "file-too-large", illegalByteSequence = "illegal-byte-sequence", inProgress = "in-progress"
    case interrupted, invalid, io, isDirectory = "is-directory", loop, tooManyLinks = "too-many-links"
    case messageSize = "message-size", nameTooLong = "name-too-long", noDevice = "no-device", noEntry = "no-entry"
    case noLock = "no-lock", insufficientMemory = "insufficient-memory", insufficientSpace = "insufficient-space"
    case notDirectory = "not-directory", notEmpty = "not-empty", notRecoverable = "not-recoverable", unsupported
    case noTTY = "no-tty", noSuchDevice = "no-such-device", overflow, notPermitted = "not-permitted", pipe
    case readOnly = "read-only", invalidSeek = "invalid-seek", textFileBusy = "text-file-busy", crossDevice = "cross-device"

    /// The cause a host `errno` stands for.
    init(errno code: Int32) {
        switch code {
        case EACCES: self = .access
        case EAGAIN: self = .wouldBlock
        case EALREADY: self = .already
        case EBADF: self = .badDescriptor
        case EBUSY: self = .busy
        case EDEADLK: self = .deadlock
        case EDQUOT: self = .quota
        case EEXIST: self = .exist
        case EFBIG: self = .fileTooLarge
        case EILSEQ: self = .illegalByteSequence
        case EINPROGRESS: self = .inProgress
        case EINTR: self = .interrupted
        case EISDIR: self = .isDirectory
        case ELOOP: self = .loop
        case EMLINK: self = .tooManyLinks
        case EMSGSIZE: self = .messageSize
        case ENAMETOOLONG: self = .nameTooLong
        case ENODEV: self = .noDevice
        case ENOENT: self = .noEntry
        case ENOLCK: self = .noLock
        case ENOMEM: self = .insufficientMemory
        case ENOSPC: self = .insufficientSpace
        case ENOTDIR: self = .notDirectory
        case ENOTEMPTY: self = .notEmpty
        case ENOTRECOVERABLE: self = .notRecoverable
        case ENOTSUP, EOPNOTSUPP: self = .unsupported
        case ENOTTY: self = .noTTY
        case ENXIO: self = .noSuchDevice
        case EOVERFLOW: self = .overflow
        case EPERM: self = .notPermitted
        case EPIPE: self = .pipe
        case EROFS: self = .readOnly
        case ESPIPE: self = .invalidSeek
        case ETXTBSY: self = .textFileBusy
        case EXDEV: self = .crossDevice
        case EINVAL: self = .invalid
        default: self = .io
        }
    }

    /// The failure of the system call that just returned -1.
    static var last: FileError { FileError(errno: errno) }

    /// wasi_snapshot_preview1's `errno` value for the same cause.
    var preview1Errno: UInt16 {
        switch self {
        case .access: 2
        case .wouldBlock: 6
        case .already: 7
        case .badDescriptor: 8
        case .busy: 10
        case .deadlock: 16
        case .quota: 19
        case .exist: 20
        case .fileTooLarge: 22
        case .illegalByteSequence: 25
        case .inProgress: 26
        case .interrupted: 27
        case .invalid: 28
        case .io: 29
        case .isDirectory: 31
        case .loop: 32
        case .tooManyLinks: 34
        case .messageSize: 35
        case .nameTooLong: 37
        case .noDevice: 43
        case .noEntry: 44
        case .noLock: 46
        case .insufficientMemory: 48
        case .insufficientSpace: 51
        case .notDirectory: 54
        case .notEmpty: 55
        case .notRecoverable: 56
        case .unsupported: 58
        case .noTTY: 59
        case .noSuchDevice: 60
        case .overflow: 61
        case .notPermitted: 63
        case .pipe: 64
        case .readOnly: 69
        case .invalidSeek: 70
        case .textFileBusy: 74
        case .crossDevice: 75
        }
    }
}

/// Runs a system call that returns -1 on failure (retrying on `EINTR`), turning the
/// failure into a `FileError`.
@discardableResult
func check<T: BinaryInteger>(_ call: () -> T) throws(FileError) -> T {
    while true {
        let r = call()
        if r >= 0 { return r }
        if errno != EINTR { throw FileError.last }
    }
}

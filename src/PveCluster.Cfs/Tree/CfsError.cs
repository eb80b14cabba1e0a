namespace PveCluster.Cfs.Tree;

/// <summary>
/// Outcome of a tree operation. The values are the Linux errno numbers on purpose: the FUSE layer
/// returns <c>-(int)error</c> and every node must compute the same outcome for the same ordered
/// operation, so the replicated result travels as this number.
/// </summary>
public enum CfsError
{
    None = 0,
    NotPermitted = 1,      // EPERM
    NotFound = 2,          // ENOENT
    IoError = 5,           // EIO
    AccessDenied = 13,     // EACCES: no quorum, or priv/ for non-root
    Exists = 17,           // EEXIST
    NotDirectory = 20,     // ENOTDIR
    IsDirectory = 21,      // EISDIR
    InvalidArgument = 22,  // EINVAL
    FileTooBig = 27,       // EFBIG: over the per-file limit
    NoSpace = 28,          // ENOSPC: over the total size or inode limit
    NameTooLong = 36,      // ENAMETOOLONG
    NotEmpty = 39,         // ENOTEMPTY
}

using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Interop.Libc;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Fuse;

public class ErrnoMappingTests
{
    [Theory]
    [InlineData(CfsError.None, 0)]
    [InlineData(CfsError.AccessDenied, -Errno.EACCES)]
    [InlineData(CfsError.NotEmpty, -Errno.ENOTEMPTY)]
    [InlineData(CfsError.FileTooBig, -Errno.EFBIG)]
    [InlineData(CfsError.NoSpace, -Errno.ENOSPC)]
    public void Tree_results_become_negative_errno(CfsError error, int expected) =>
        Assert.Equal(expected, ErrnoMapping.ToResult(error));

    [Fact]
    public void Exceptions_map_to_errno_and_unknown_ones_to_EIO()
    {
        Assert.Equal(-Errno.EIO, ErrnoMapping.FromException(new InvalidOperationException()));
        Assert.Equal(-Errno.EIO, ErrnoMapping.FromException(new OperationCanceledException()));
        Assert.Equal(-Errno.ETIMEDOUT, ErrnoMapping.FromException(new TimeoutException()));
        Assert.Equal(-Errno.EACCES, ErrnoMapping.FromException(new AggregateException(new UnauthorizedAccessException())));
        Assert.Equal(-Errno.EINVAL, ErrnoMapping.FromException(new ArgumentOutOfRangeException("x")));
        Assert.Equal(-Errno.ENOENT, ErrnoMapping.FromException(new FileNotFoundException()));
    }
}

using System.Runtime.InteropServices;
using PveCluster.Corosync.Interop;

namespace PveCluster.Corosync.Tests.Errors;

public class CsErrorTests
{
    [Theory]
    [InlineData(CsError.Ok, 1)]
    [InlineData(CsError.Library, 2)]
    [InlineData(CsError.TryAgain, 6)]
    [InlineData(CsError.InvalidParam, 7)]
    [InlineData(CsError.NotExist, 12)]
    [InlineData(CsError.Exist, 14)]
    [InlineData(CsError.NoSections, 27)]
    [InlineData(CsError.ContextNotFound, 28)]
    [InlineData(CsError.TooManyGroups, 30)]
    [InlineData(CsError.Security, 100)]
    public void Values_mirror_cs_error_t(CsError error, int native) => Assert.Equal(native, (int)error);

    public static TheoryData<CsError> Failures() => [.. Enum.GetValues<CsError>().Where(e => e != CsError.Ok)];

    /// <summary>Our names must be corosync's own spelling, checked against libcorosync_common's cs_strerror.</summary>
    [Theory]
    [MemberData(nameof(Failures))]
    public unsafe void Names_match_native_cs_strerror(CsError error)
    {
        var native = Marshal.PtrToStringUTF8((nint)CorosyncCommon.cs_strerror(error));
        Assert.Equal(native, CsErrorText.Describe(error));
    }

    [Fact]
    public void Unknown_values_are_rendered_with_their_number() =>
        Assert.Equal("CS_ERR(42)", CsErrorText.Describe((CsError)42));

    [Fact]
    public void Check_passes_CS_OK_and_throws_with_error_and_operation_otherwise()
    {
        Cs.Check(CsError.Ok, "cpg_join");

        var ex = Assert.Throws<CorosyncException>(() => Cs.Check(CsError.InvalidParam, "votequorum_setexpected"));
        Assert.Equal(CsError.InvalidParam, ex.Error);
        Assert.Equal("votequorum_setexpected", ex.Operation);
        Assert.Equal("votequorum_setexpected failed: CS_ERR_INVALID_PARAM", ex.Message);
        Assert.False(ex.IsConnectionFailure);
    }

    [Fact]
    public void Zero_is_not_success()
    {
        // A C habit (0 == success) must not slip through: 0 is not a valid cs_error_t.
        Assert.Throws<CorosyncException>(() => Cs.Check((CsError)0, "cmap_get"));
    }

    [Fact]
    public void Library_errors_are_connection_failures() =>
        Assert.True(new CorosyncException(CsError.Library, "cpg_dispatch").IsConnectionFailure);
}

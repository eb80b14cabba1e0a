using System.Runtime.CompilerServices;
using PveCluster.Corosync.Interop;
using PveCluster.Corosync.Interop.Cfg;
using PveCluster.Corosync.Interop.Cmap;
using PveCluster.Corosync.Interop.Cpg;
using PveCluster.Corosync.Interop.Libc;
using PveCluster.Corosync.Interop.Quorum;
using PveCluster.Corosync.Interop.Votequorum;

namespace PveCluster.Corosync.Tests.Interop;

/// <summary>Sizes and offsets measured with offsetof/sizeof on corosync 3.1.7 x86-64 (lab notes §4).</summary>
public unsafe class StructLayoutTests
{
    private static long Offset<TStruct, TField>(ref TStruct s, ref TField field) =>
        (long)Unsafe.ByteOffset(ref Unsafe.As<TStruct, byte>(ref s), ref Unsafe.As<TField, byte>(ref field));

    [Fact]
    public void CpgName_is_132_bytes_with_value_at_4()
    {
        var s = default(CpgName);
        Assert.Equal(132, sizeof(CpgName));
        Assert.Equal(4, (byte*)s.Value - (byte*)&s);
    }

    [Fact]
    public void CpgAddress_is_three_uints()
    {
        var s = default(CpgAddress);
        Assert.Equal(12, sizeof(CpgAddress));
        Assert.Equal(4, Offset(ref s, ref s.Pid));
        Assert.Equal(8, Offset(ref s, ref s.Reason));
    }

    [Fact]
    public void RingId_is_16_bytes_with_padding_before_seq()
    {
        var s = default(RingIdNative);
        Assert.Equal(16, sizeof(RingIdNative));
        Assert.Equal(8, Offset(ref s, ref s.Seq));
    }

    [Fact]
    public void CpgModelV1Data_matches_the_40_byte_C_layout()
    {
        var s = default(CpgModelV1Data);
        Assert.Equal(40, sizeof(CpgModelV1Data));
        Assert.Equal(8, (byte*)&s.Deliver - (byte*)&s);
        Assert.Equal(16, (byte*)&s.Confchg - (byte*)&s);
        Assert.Equal(24, (byte*)&s.TotemConfchg - (byte*)&s);
        Assert.Equal(32, Offset(ref s, ref s.Flags));
    }

    [Fact]
    public void IoVec_is_pointer_plus_size()
    {
        var s = default(IoVec);
        Assert.Equal(16, sizeof(IoVec));
        Assert.Equal(8, Offset(ref s, ref s.Length));
    }

    [Fact]
    public void VotequorumInfo_is_292_bytes_with_name_at_36()
    {
        var s = default(VotequorumInfoNative);
        Assert.Equal(292, sizeof(VotequorumInfoNative));
        Assert.Equal(28, Offset(ref s, ref s.Flags));
        Assert.Equal(32, Offset(ref s, ref s.QdeviceVotes));
        Assert.Equal(36, (byte*)s.QdeviceName - (byte*)&s);
    }

    [Fact]
    public void Votequorum_node_and_callbacks_match()
    {
        Assert.Equal(8, sizeof(VotequorumNodeNative));
        var s = default(VotequorumCallbacks);
        Assert.Equal(24, sizeof(VotequorumCallbacks));
        Assert.Equal(8, (byte*)&s.ExpectedVotesNotify - (byte*)&s);
        Assert.Equal(16, (byte*)&s.NodelistNotify - (byte*)&s);
    }

    [Fact]
    public void QuorumModelV1Data_is_24_bytes()
    {
        var s = default(QuorumModelV1Data);
        Assert.Equal(24, sizeof(QuorumModelV1Data));
        Assert.Equal(8, (byte*)&s.QuorumNotify - (byte*)&s);
        Assert.Equal(16, (byte*)&s.NodelistNotify - (byte*)&s);
    }

    [Fact]
    public void CmapNotifyValue_is_24_bytes()
    {
        var s = default(CmapNotifyValue);
        Assert.Equal(24, sizeof(CmapNotifyValue));
        Assert.Equal(8, Offset(ref s, ref s.Length));
        Assert.Equal(16, (byte*)&s.Data - (byte*)&s);
    }

    [Fact]
    public void Cfg_structs_match()
    {
        Assert.Equal(32, sizeof(CfgNodeAddressNative));
        Assert.Equal(8, sizeof(CfgCallbacks));

        var link = default(KnetLinkStatusV1);
        Assert.Equal(520, sizeof(KnetLinkStatusV1));
        Assert.Equal(4, Offset(ref link, ref link.Mtu));
        Assert.Equal(8, link.SrcIpAddr - (byte*)&link);
        Assert.Equal(264, link.DstIpAddr - (byte*)&link);

        var status = default(CfgNodeStatusV1);
        Assert.Equal(4176, sizeof(CfgNodeStatusV1));
        Assert.Equal(4, Offset(ref status, ref status.NodeId));
        Assert.Equal(8, Offset(ref status, ref status.Reachable));
        Assert.Equal(13, Offset(ref status, ref status.OnwireVer));
        Assert.Equal(16, Offset(ref status, ref status.LinkStatus));
        Assert.Equal(16 + (7 * 520), Offset(ref status, ref status.LinkStatus[7]));
    }

    [Fact]
    public void PollFd_matches_struct_pollfd()
    {
        var s = default(Libc.PollFd);
        Assert.Equal(8, sizeof(Libc.PollFd));
        Assert.Equal(6, Offset(ref s, ref s.REvents));
    }
}

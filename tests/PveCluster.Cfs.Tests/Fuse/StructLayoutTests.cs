using PveCluster.Cfs.Interop.Fuse3;
using PveCluster.Cfs.Interop.Libc;

namespace PveCluster.Cfs.Tests.Fuse;

/// <summary>Sizes and offsets measured with offsetof/sizeof against libfuse 3.14 (lab notes §6).</summary>
public unsafe class StructLayoutTests
{
    [Fact]
    public void Sizes_match_the_C_structs()
    {
        Assert.Equal(336, sizeof(FuseOperations));
        Assert.Equal(FuseOperations.NativeSize, sizeof(FuseOperations));
        Assert.Equal(40, sizeof(FuseFileInfo));
        Assert.Equal(40, sizeof(FuseContext));
        Assert.Equal(24, sizeof(FuseArgs));
        Assert.Equal(128, sizeof(FuseConfig));
        Assert.Equal(144, sizeof(Stat));
        Assert.Equal(112, sizeof(StatVfs));
        Assert.Equal(16, sizeof(Timespec));
    }

    [Fact]
    public void Operations_table_slots_are_at_eight_times_their_index()
    {
        var ops = default(FuseOperations);
        var start = (byte*)&ops;
        Assert.Equal(0, (byte*)&ops.getattr - start);
        Assert.Equal(8 * 7, (byte*)&ops.rename - start);
        Assert.Equal(8 * 14, (byte*)&ops.write - start);
        Assert.Equal(192, (byte*)&ops.readdir - start);
        Assert.Equal(216, (byte*)&ops.init - start);
        Assert.Equal(224, (byte*)&ops.destroy - start);
        Assert.Equal(240, (byte*)&ops.create - start);
        Assert.Equal(256, (byte*)&ops.utimens - start);
        Assert.Equal(272, (byte*)&ops.ioctl - start);
        Assert.Equal(320, (byte*)&ops.copy_file_range - start);
        Assert.Equal(328, (byte*)&ops.lseek - start);
    }

    [Fact]
    public void Stat_offsets()
    {
        var st = default(Stat);
        var start = (byte*)&st;
        Assert.Equal(16, (byte*)&st.st_nlink - start);
        Assert.Equal(24, (byte*)&st.st_mode - start);
        Assert.Equal(28, (byte*)&st.st_uid - start);
        Assert.Equal(48, (byte*)&st.st_size - start);
        Assert.Equal(88, (byte*)&st.st_mtim - start);
    }

    [Fact]
    public void File_info_context_args_and_config_offsets()
    {
        var fi = default(FuseFileInfo);
        Assert.Equal(4, (byte*)&fi.bits - (byte*)&fi);
        Assert.Equal(16, (byte*)&fi.fh - (byte*)&fi);
        Assert.Equal(24, (byte*)&fi.lock_owner - (byte*)&fi);
        Assert.Equal(32, (byte*)&fi.poll_events - (byte*)&fi);

        var context = default(FuseContext);
        Assert.Equal(8, (byte*)&context.uid - (byte*)&context);
        Assert.Equal(12, (byte*)&context.gid - (byte*)&context);
        Assert.Equal(16, (byte*)&context.pid - (byte*)&context);
        Assert.Equal(24, (byte*)&context.private_data - (byte*)&context);
        Assert.Equal(32, (byte*)&context.umask - (byte*)&context);

        var args = default(FuseArgs);
        Assert.Equal(8, (byte*)&args.argv - (byte*)&args);
        Assert.Equal(16, (byte*)&args.allocated - (byte*)&args);

        var config = default(FuseConfig);
        Assert.Equal(24, (byte*)&config.entry_timeout - (byte*)&config);
        Assert.Equal(40, (byte*)&config.attr_timeout - (byte*)&config);
        Assert.Equal(64, (byte*)&config.use_ino - (byte*)&config);
        Assert.Equal(76, (byte*)&config.kernel_cache - (byte*)&config);
    }

    [Fact]
    public void Direct_io_is_bit_one_of_the_bitfield_word()
    {
        var fi = default(FuseFileInfo);
        fi.DirectIo = true;
        Assert.Equal(0x2u, fi.bits);
        fi.KeepCache = true;
        fi.DirectIo = false;
        Assert.Equal(0x4u, fi.bits);
    }

    [Fact]
    public void The_operations_table_fills_the_implemented_slots()
    {
        var ops = PveCluster.Cfs.Fuse.FuseCallbacks.CreateOperations();
        Assert.True(ops.getattr != null && ops.readdir != null && ops.write != null && ops.init != null && ops.rename != null);
        Assert.Equal(0, ops.destroy);
        Assert.Equal(0, ops.ioctl);
    }
}

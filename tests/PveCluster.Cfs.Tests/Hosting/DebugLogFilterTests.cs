using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Hosting;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Tests.Hosting;

public class DebugLogFilterTests
{
    [Fact]
    public void Debug_messages_pass_only_while_the_switch_is_on()
    {
        var debug = new DebugSwitch();
        Assert.False(DebugLogFilter.Allows(debug, LogLevel.Debug));
        Assert.True(DebugLogFilter.Allows(debug, LogLevel.Information));

        debug.Enabled = true;
        Assert.True(DebugLogFilter.Allows(debug, LogLevel.Debug));
        Assert.False(DebugLogFilter.Allows(debug, LogLevel.Trace));
    }
}

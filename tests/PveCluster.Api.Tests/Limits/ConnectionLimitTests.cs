using System.Net;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Tests.Limits;

/// <summary>The live server holds at most the configured number of connections; one more is closed at once.</summary>
public sealed class ConnectionLimitTests(ConnectionLimitTests.Server server) : IClassFixture<ConnectionLimitTests.Server>
{
    [Fact]
    public async Task Connection_over_the_limit_is_closed_and_a_freed_slot_is_usable_again()
    {
        var open = new List<RawHttpsConnection>();
        try
        {
            for (var i = 0; i < Server.MaxConnections; i++)
            {
                open.Add(await RawHttpsConnection.OpenAsync(server.BaseAddress, server.Ca));
            }

            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var extra = await RawHttpsConnection.OpenAsync(server.BaseAddress, server.Ca);
            });

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            using var client = server.Client(server.Ticket());
            var status = HttpStatusCode.ServiceUnavailable;
            // The server notices the closed connection asynchronously; wait for the slot, not for a fixed time.
            for (var attempt = 0; attempt < 50 && status != HttpStatusCode.OK; attempt++)
            {
                try
                {
                    (status, _) = await ApiServerFixture.GetAsync(client, "cluster/status");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public sealed class Server : ApiServerFixture
    {
        public const int MaxConnections = 4;

        protected override ApiLimits Limits => base.Limits with { MaxConnections = MaxConnections };
    }
}

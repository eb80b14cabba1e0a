using System.Net;
using Bunit;
using PveCluster.Gui.Views;

namespace PveCluster.Gui.Tests.Views;

public sealed class HealthViewTests : GuiTestContext
{
    private const string TwoNodes = """
        [{"type":"cluster","id":"cluster","name":"prod","nodes":2,"version":3,"quorate":1},
         {"type":"node","id":"node/n1","name":"n1","nodeid":1,"online":1,"local":1,"ip":"198.18.5.1"},
         {"type":"node","id":"node/n2","name":"n2","nodeid":2,"online":1,"local":0,"ip":"198.18.5.2"}]
        """;

    [Fact]
    public void Votes_expected_and_quorum_are_votequorum_figures_and_an_override_is_marked()
    {
        Api.Answer("GET /cluster/status", TwoNodes);
        Api.Answer("GET /nodes/localhost/corosync/quorum", """
            {"nodeid":1,"quorate":1,"expected_votes":3,"highest_expected":3,"total_votes":2,"quorum":2,"config_expected_votes":2,
             "flags":["Quorate"],"nodes":[]}
            """);
        var view = Render<HealthView>();

        view.WaitForAssertion(() => Assert.Equal("3", view.Find("#health-expected").TextContent));
        Assert.Equal("2", view.Find("#health-votes").TextContent);
        Assert.Equal("2", view.Find("#health-quorum").TextContent);
        Assert.Contains("Quorate: Yes", view.Find("#health-quorate").TextContent, StringComparison.Ordinal);
        Assert.Contains("configured: 2", view.Find("#health-expected-override").TextContent, StringComparison.Ordinal);
        Assert.Empty(view.FindAll("#health-qdevice"));
        Assert.DoesNotContain(Api.Requests, r => r.Request == "GET /cluster/config/qdevice");
    }

    [Fact]
    public void Votequorum_decides_quorate_and_no_override_is_shown_when_expected_matches_the_configuration()
    {
        Api.Answer("GET /cluster/status", TwoNodes);   // pmxcfs still says quorate
        Api.Answer("GET /nodes/localhost/corosync/quorum", """
            {"quorate":0,"expected_votes":2,"total_votes":1,"quorum":2,"config_expected_votes":2,"flags":[],"nodes":[]}
            """);
        var view = Render<HealthView>();

        view.WaitForAssertion(() => Assert.Contains("Quorate: No", view.Find("#health-quorate").TextContent, StringComparison.Ordinal));
        Assert.Empty(view.FindAll("#health-expected-override"));
    }

    [Fact]
    public void A_configured_qdevice_shows_its_vote_and_the_daemon_status()
    {
        Api.Answer("GET /cluster/status", TwoNodes);
        Api.Answer("GET /nodes/localhost/corosync/quorum", """
            {"quorate":1,"expected_votes":3,"total_votes":3,"quorum":2,"config_expected_votes":3,"flags":["Quorate","Qdevice"],"nodes":[],
             "qdevice":{"name":"Qdevice","votes":1,"registered":1,"alive":1,"cast_vote":1,"master_wins":0}}
            """);
        Api.Answer("GET /cluster/config/qdevice", """{"State":"Connected","QNetd host":"198.18.5.9:5403","Algorithm":"Fifty-Fifty split"}""");
        var view = Render<HealthView>();

        view.WaitForAssertion(() => Assert.Equal("Connected", view.Find("[data-testid=qdevice-State]").TextContent));
        Assert.Contains("Votes: 1, voting", view.Find("#health-qdevice-vote").TextContent, StringComparison.Ordinal);
        Assert.Equal("198.18.5.9:5403", view.Find("[data-testid=qdevice-QNetd-host]").TextContent);
    }

    [Fact]
    public void Without_votequorum_figures_the_membership_still_shows_with_a_warning()
    {
        Api.Answer("GET /cluster/status", TwoNodes);
        Api.Fail("GET /nodes/localhost/corosync/quorum", HttpStatusCode.InternalServerError, "cannot read the quorum state: corosync is not running");
        var view = Render<HealthView>();

        view.WaitForAssertion(() => Assert.Contains("corosync is not running", view.Find("#health-quorum-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("2", view.Find("#health-online").TextContent);
    }
}

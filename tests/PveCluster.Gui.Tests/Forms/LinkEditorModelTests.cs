using PveCluster.Gui.Forms;

namespace PveCluster.Gui.Tests.Forms;

public sealed class LinkEditorModelTests
{
    private static readonly string[] Local = ["10.0.0.1", "10.1.0.1", "fd00::1"];

    [Fact]
    public void Create_starts_with_link0_on_the_first_local_address()
    {
        var model = LinkEditorModel.ForCreate(Local);
        var row = Assert.Single(model.Rows);
        Assert.Equal(0, row.Number);
        Assert.Equal("10.0.0.1", row.Address);
        Assert.True(model.IsValid);
        Assert.False(model.CanRemove);
    }

    [Fact]
    public void Add_takes_the_lowest_free_number_and_an_unused_address_up_to_eight_links()
    {
        var model = LinkEditorModel.ForCreate(Local);
        model.Rows[0].Number = 1;
        model.Add();
        Assert.Equal(0, model.Rows[1].Number);
        Assert.Equal("10.1.0.1", model.Rows[1].Address);
        while (model.CanAdd)
        {
            model.Add();
        }

        Assert.Equal(8, model.Rows.Count);
        model.Add();
        Assert.Equal(8, model.Rows.Count);
    }

    [Fact]
    public void Duplicate_numbers_and_addresses_mark_both_rows()
    {
        var model = LinkEditorModel.ForCreate(Local);
        model.Add();
        model.Rows[1].Number = 0;
        model.Rows[1].Address = "10.0.0.1";
        Assert.All(model.Rows, r => Assert.Equal("Duplicate link number not allowed.", model.NumberError(r)));
        Assert.All(model.Rows, r => Assert.Equal("Duplicate link address not allowed.", model.AddressError(r)));
        Assert.False(model.IsValid);
    }

    [Fact]
    public void Only_this_nodes_addresses_and_priorities_0_to_255_are_valid()
    {
        var model = LinkEditorModel.ForCreate(Local);
        model.Rows[0].Address = "192.0.2.9";
        Assert.Contains("not configured on this node", model.AddressError(model.Rows[0]), StringComparison.Ordinal);
        model.Rows[0].Address = "10.0.0.1";
        model.Rows[0].Priority = 256;
        Assert.NotNull(LinkEditorModel.PriorityError(model.Rows[0]));
        model.Rows[0].Priority = 255;
        Assert.True(model.IsValid);
    }

    [Fact]
    public void The_highest_priority_number_carries_the_traffic()
    {
        var model = LinkEditorModel.ForCreate(Local);
        model.Add();
        Assert.Null(model.PreferredLink);
        model.Rows[0].Priority = 20;
        model.Rows[1].Priority = 15;
        Assert.Same(model.Rows[0], model.PreferredLink);
        model.Rows[1].Priority = 20;
        Assert.Null(model.PreferredLink);
    }

    [Fact]
    public void Parameters_are_link_options_with_the_priority()
    {
        var model = LinkEditorModel.ForCreate(Local);
        model.Add();
        model.Rows[1].Priority = 10;
        Assert.Equal(
            [new("link0", "10.0.0.1"), new("link1", "10.1.0.1,priority=10")],
            model.ToParameters().ToList());
    }
}

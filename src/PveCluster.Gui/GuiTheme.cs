using MudBlazor;

namespace PveCluster.Gui;

/// <summary>A compact theme in Proxmox's blue, dense enough for grids at 1280×800.</summary>
public static class GuiTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            AppbarBackground = "#1f2a36",
            DrawerBackground = "#f5f7fa",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}

using Microsoft.Extensions.FileProviders;

namespace PveCluster.Api.Gui;

/// <summary>
/// Serves the published web GUI (a Blazor WebAssembly SPA: static files) at <c>/</c>, beside <c>/api2</c>.
/// Self-contained on purpose: the whole GUI hosting is this call and the folder it is given.
/// </summary>
public static class GuiHosting
{
    /// <summary>Where build.sh publishes the GUI, relative to the pve-api binary.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "gui", "wwwroot");

    /// <param name="app">The server.</param>
    /// <param name="root">The published <c>wwwroot</c> (index.html, _framework, _content); without it / answers 404.</param>
    /// <param name="apiPrefix">Requests under this prefix never reach the GUI files.</param>
    public static void MapGui(this IApplicationBuilder app, string root, string apiPrefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GuiHosting));
        if (!File.Exists(Path.Combine(root, GuiFiles.IndexFile)))
        {
            logger.LogWarning("no web GUI at {Root} (no {Index}): / answers 404; the API is not affected", root, GuiFiles.IndexFile);
            return;
        }

        var files = new GuiFiles(new PhysicalFileProvider(Path.GetFullPath(root)));
        logger.LogInformation("serving the web GUI from {Root}", root);
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments(apiPrefix, StringComparison.OrdinalIgnoreCase)
                && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)),
            gui => gui.Use(next => context => files.ServeAsync(context, next)));
    }
}

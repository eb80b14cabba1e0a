using System.CommandLine;
using PveCluster.DocGen;

// pve-docgen --output DIR --package-version VERSION: writes pvecm.1, pmxcfs.8, pvedaemon.8, pveproxy.8 and
// pvecm.bash-completion into DIR.
var output = new Option<string>("--output") { Description = "Directory to write the pages into.", Required = true };
var packageVersion = new Option<string>("--package-version") { Description = "Version printed in the pages' footer.", Required = true };
var root = new RootCommand("pve-docgen: man pages and bash completion from the programs' command definitions.") { output, packageVersion };
root.SetAction(result =>
{
    var directory = Directory.CreateDirectory(result.GetValue(output)!).FullName;
    var version = result.GetValue(packageVersion)!;
    var pages = ProgramCatalog.All();
    foreach (var page in pages)
        File.WriteAllText(Path.Combine(directory, page.FileName), ManPageWriter.Write(page, version));
    var pvecm = pages.Single(p => p.Program == "pvecm");
    File.WriteAllText(Path.Combine(directory, "pvecm.bash-completion"), BashCompletionWriter.Write(pvecm.Program, pvecm.Root));
    return 0;
});
return root.Parse(args).Invoke();

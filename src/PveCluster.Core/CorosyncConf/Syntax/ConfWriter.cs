using System.Text;

namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// Writes a tree in the canonical Proxmox style: two spaces per level, <c>key: value</c>,
/// <c>name {</c> / <c>}</c>, and one blank line between top-level sections. Blank lines inside
/// sections are not kept, so the output of any equivalent input is identical.
/// </summary>
public static class ConfWriter
{
    private const string Indent = "  ";

    public static string Write(ConfSection root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var output = new StringBuilder();
        if (root.IsRoot)
        {
            WriteTopLevel(output, root);
        }
        else
        {
            WriteItem(output, root, 0);
        }

        return output.ToString();
    }

    private static void WriteTopLevel(StringBuilder output, ConfSection root)
    {
        ConfItem? previous = null;
        foreach (var item in root.Items)
        {
            if (previous is not null && (item is ConfSection || previous is ConfSection))
            {
                output.Append('\n');
            }

            WriteItem(output, item, 0);
            previous = item;
        }

        if (root.TrailingComments.Count > 0 && previous is not null)
        {
            output.Append('\n');
        }

        WriteComments(output, root.TrailingComments, 0);
    }

    private static void WriteItem(StringBuilder output, ConfItem item, int depth)
    {
        WriteComments(output, item.Comments, depth);
        AppendIndent(output, depth);
        switch (item)
        {
            case ConfValue value:
                output.Append(value.Key).Append(':');
                if (value.Value.Length > 0)
                {
                    output.Append(' ').Append(value.Value);
                }

                output.Append('\n');
                break;
            case ConfSection section:
                output.Append(section.Name).Append(" {\n");
                foreach (var child in section.Items)
                {
                    WriteItem(output, child, depth + 1);
                }

                WriteComments(output, section.TrailingComments, depth + 1);
                AppendIndent(output, depth);
                output.Append("}\n");
                break;
            default:
                throw new ArgumentException($"Unknown item type {item.GetType().Name}.", nameof(item));
        }
    }

    private static void WriteComments(StringBuilder output, IEnumerable<string> comments, int depth)
    {
        foreach (var comment in comments)
        {
            AppendIndent(output, depth);
            output.Append('#').Append(comment).Append('\n');
        }
    }

    private static void AppendIndent(StringBuilder output, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            output.Append(Indent);
        }
    }
}

using FsCheck;
using FsCheck.Fluent;
using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

/// <summary>Random corosync.conf trees: valid identifiers and values, comments, nesting up to depth 3.</summary>
public static class ConfTreeGenerators
{
    private static readonly char[] NameChars = [.. "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"];

    // Anything corosync keeps in a value except '{' and line breaks, including ':', '#', '}' and inner spaces.
    private static readonly char[] ValueChars = [.. "abcXYZ019 _.-:/#}=,@[]"];

    private static readonly char[] CommentChars = [.. "abc XYZ 019 {}:#=-"];

    private static Gen<string> Name =>
        from first in Gen.Elements(NameChars.Where(c => c != '#').ToArray())
        from rest in Gen.ArrayOf(Gen.Elements(NameChars)).Select(a => a.Take(12))
        select first + string.Concat(rest);

    private static Gen<string> ValueText =>
        Gen.ArrayOf(Gen.Elements(ValueChars)).Select(a => new string([.. a.Take(30)]).Trim(' '));

    private static Gen<string> CommentText =>
        Gen.ArrayOf(Gen.Elements(CommentChars)).Select(a => new string([.. a.Take(30)]).TrimEnd(' '));

    private static Gen<string[]> Comments => Gen.Frequency((3, Gen.Constant(Array.Empty<string>())), (1, Gen.ArrayOf(CommentText, 2)));

    private static Gen<ConfItem> Value =>
        from key in Name
        from value in ValueText
        from comments in Comments
        select (ConfItem)WithComments(new ConfValue(key, value), comments);

    private static Gen<ConfItem> Item(int depth) =>
        depth <= 0 ? Value : Gen.Frequency((3, Value), (1, Section(depth - 1).Select(s => (ConfItem)s)));

    private static Gen<ConfSection> Section(int depth) =>
        from name in Name
        from items in Gen.Sized(size => Gen.ListOf(Item(depth), Math.Min(size, 6)))
        from comments in Comments
        from trailing in Comments
        select Build(new ConfSection(name), items, comments, trailing);

    public static Gen<ConfSection> Root =>
        from items in Gen.Sized(size => Gen.ListOf(Item(3), Math.Min(size, 6)))
        from trailing in Comments
        select Build(ConfSection.CreateRoot(), items, [], trailing);

    public static Arbitrary<ConfSection> ConfSectionArbitrary() => Root.ToArbitrary();

    private static T WithComments<T>(T item, string[] comments)
        where T : ConfItem
    {
        foreach (var comment in comments)
        {
            item.AddComment(comment);
        }

        return item;
    }

    private static ConfSection Build(ConfSection section, IEnumerable<ConfItem> items, string[] comments, string[] trailing)
    {
        foreach (var item in items)
        {
            section.Items.Add(item);
        }

        foreach (var comment in trailing)
        {
            section.AddTrailingComment(comment);
        }

        return WithComments(section, comments);
    }
}

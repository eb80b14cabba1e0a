using System.Globalization;

namespace PveCluster.Core.Links;

/// <summary>
/// Parses <c>--linkN</c> option values: <c>[address=]ADDRESS[,priority=N]</c>, the Proxmox
/// property-string format whose default key is <c>address</c>.
/// </summary>
public static class LinkSpecParser
{
    private const string AddressKey = "address";
    private const string PriorityKey = "priority";

    /// <summary>Parses an option such as <c>link1</c> with its value.</summary>
    /// <exception cref="LinkFormatException">The option name or value is invalid.</exception>
    public static LinkSpec ParseOption(string optionName, string value)
    {
        ArgumentNullException.ThrowIfNull(optionName);
        return Parse(ParseOptionNumber(optionName), value);
    }

    /// <summary>Parses the value of <c>--link{number}</c>.</summary>
    /// <exception cref="LinkFormatException">The number or value is invalid.</exception>
    public static LinkSpec Parse(int number, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var option = LinkSpec.OptionNameFor(number);
        if (number is < LinkSpec.MinNumber or > LinkSpec.MaxNumber)
        {
            throw new LinkFormatException(option, $"link number must be between {LinkSpec.MinNumber} and {LinkSpec.MaxNumber}");
        }

        string? address = null;
        int? priority = null;
        foreach (var rawPart in value.Split(','))
        {
            var part = rawPart.Trim();
            if (part.Length == 0)
            {
                throw new LinkFormatException(option, $"empty element in '{value}'");
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? AddressKey : part[..eq].Trim();
            var item = eq < 0 ? part : part[(eq + 1)..].Trim();
            switch (key)
            {
                case AddressKey:
                    if (address is not null)
                    {
                        throw new LinkFormatException(option, "address is given more than once");
                    }

                    address = item;
                    break;
                case PriorityKey:
                    if (priority is not null)
                    {
                        throw new LinkFormatException(option, "priority is given more than once");
                    }

                    priority = ParsePriority(option, item);
                    break;
                default:
                    throw new LinkFormatException(option, $"unknown key '{key}' (allowed: {AddressKey}, {PriorityKey})");
            }
        }

        if (string.IsNullOrEmpty(address))
        {
            throw new LinkFormatException(option, "address must not be empty");
        }

        if (!LinkAddress.TryClassify(address, out _, out var problem))
        {
            throw new LinkFormatException(option, problem!);
        }

        if (LinkAddress.UnusableIpProblem(address) is { } unusable)
        {
            throw new LinkFormatException(option, unusable);
        }

        return new LinkSpec(number, address, priority);
    }

    /// <summary>Like <see cref="Parse"/> but reports failure through <paramref name="error"/>.</summary>
    public static bool TryParse(int number, string value, out LinkSpec? link, out string? error)
    {
        try
        {
            link = Parse(number, value);
            error = null;
            return true;
        }
        catch (LinkFormatException ex)
        {
            link = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The link number in an option name such as <c>link3</c>.</summary>
    /// <exception cref="LinkFormatException">Not a <c>link0</c>..<c>link7</c> name.</exception>
    public static int ParseOptionNumber(string optionName)
    {
        ArgumentNullException.ThrowIfNull(optionName);
        var digits = optionName.StartsWith("link", StringComparison.Ordinal) ? optionName[4..] : string.Empty;
        if (digits.Length == 1 && char.IsAsciiDigit(digits[0]))
        {
            var number = digits[0] - '0';
            if (number <= LinkSpec.MaxNumber)
            {
                return number;
            }
        }

        throw new LinkFormatException(optionName, $"not a link option (expected link{LinkSpec.MinNumber}..link{LinkSpec.MaxNumber})");
    }

    private static int ParsePriority(string option, string text)
    {
        var ok = text.Length > 0
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value is >= LinkSpec.MinPriority and <= LinkSpec.MaxPriority;
        if (!ok)
        {
            throw new LinkFormatException(
                option,
                $"priority must be an integer between {LinkSpec.MinPriority} and {LinkSpec.MaxPriority}, got '{text}'");
        }

        return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}

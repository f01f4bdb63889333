using System.CommandLine.Parsing;
using System.Globalization;

namespace Gazette.Hosting;

/// <summary>
/// A whole-number option's bounds, checked by the parser: a value outside them
/// is a wrong argument (exit 2, with the usage), never one quietly clamped.
/// </summary>
public static class OptionRange
{
    public static Func<ArgumentResult, int> Between(int min, int max) => result =>
    {
        var text = result.Tokens is [var token] ? token.Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        var option = result.Parent is OptionResult parent ? parent.Option.Name : result.Argument.Name;
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option} must be a whole number from {min} to {max}, not '{text}'."));
        return default;
    };
}

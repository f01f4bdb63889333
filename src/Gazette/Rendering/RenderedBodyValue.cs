using System.Globalization;
using System.Text.Encodings.Web;
using Fluid.Values;

namespace Gazette.Rendering;

/// <summary>
/// The layout's <c>content</c>: a page body already rendered, printed raw. Into
/// a <see cref="PageOutput"/> its bytes are copied as they are; anywhere else
/// (a theme that filters it) it is the body's text.
/// </summary>
internal sealed class RenderedBodyValue(PageOutput body) : FluidValue
{
    public override FluidValues Type => FluidValues.String;

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        if (writer is PageOutput output)
        {
            output.Append(body);
        }
        else
        {
            writer.Write(body.ToString());
        }
        return ValueTask.CompletedTask;
    }

    public override bool Equals(FluidValue other) => ReferenceEquals(other, this) || other.ToStringValue() == ToStringValue();

    public override bool Contains(FluidValue value) => ToStringValue().Contains(value.ToStringValue(), StringComparison.Ordinal);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => body.ToString();

    public override object ToObjectValue() => ToStringValue();
}

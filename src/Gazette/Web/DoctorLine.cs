namespace Gazette.Web;

public enum DoctorVerdict
{
    Ok,
    Warn,
    Fail,
}

/// <summary>One check of <c>gazette doctor</c>: its verdict, what was checked, and a sentence an operator can act on.</summary>
public sealed record DoctorLine(DoctorVerdict Verdict, string Check, string Sentence)
{
    public static DoctorLine Ok(string check, string sentence) => new(DoctorVerdict.Ok, check, sentence);

    public static DoctorLine Warn(string check, string sentence) => new(DoctorVerdict.Warn, check, sentence);

    public static DoctorLine Fail(string check, string sentence) => new(DoctorVerdict.Fail, check, sentence);

    public override string ToString()
    {
        var label = Verdict switch
        {
            DoctorVerdict.Ok => "ok",
            DoctorVerdict.Warn => "warn",
            _ => "FAIL",
        };
        return $"{label,-4} {Check}: {Sentence}";
    }
}

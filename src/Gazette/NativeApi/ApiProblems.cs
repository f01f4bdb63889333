namespace Gazette.NativeApi;

/// <summary>The API's refusals, always application/problem+json with a sentence saying what to do.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this.", detail: detail);

    /// <summary>400 with each field's problems under <c>errors</c>, as ASP.NET Core's validation problems have them.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "Some of what was sent is not valid.", detail: "See errors: each field named there says what it accepts.");
}

/// <summary>Reads paging parameters, collecting a sentence per bad field.</summary>
public sealed class QueryCheck
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public void Fail(string field, string message) => _errors[field] = [message];

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when absent.</summary>
    public int Number(string? text, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Fail(field, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{field} is a whole number from {min} to {max}."));
        return fallback;
    }
}

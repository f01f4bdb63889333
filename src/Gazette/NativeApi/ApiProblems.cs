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

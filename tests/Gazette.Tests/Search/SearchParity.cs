namespace Gazette.Tests.Search;

/// <summary>
/// How alike two engines' answers are (decision 94): for each query that
/// found anything on either side, the share of the top 3 both give,
/// |A ∩ B| / min(3, max(|A|, |B|)); averaged over those queries.
/// </summary>
public static class SearchParity
{
    public static double QueryOverlap(IReadOnlyList<long> a, IReadOnlyList<long> b) =>
        (double)a.Take(3).Intersect(b.Take(3)).Count() / Math.Min(3, Math.Max(a.Count, b.Count));

    public static double Overlap(IEnumerable<(IReadOnlyList<long> A, IReadOnlyList<long> B)> answers) =>
        answers.Where(pair => pair.A.Count > 0 || pair.B.Count > 0).Select(pair => QueryOverlap(pair.A, pair.B)).DefaultIfEmpty(1).Average();
}

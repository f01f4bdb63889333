using Gazette.Articles.Contracts;

namespace Gazette.Related;

/// <summary>
/// Which articles an article shows as related coverage (decision 101): those
/// sharing the most tags first (ties: one sharing a section, then the newer);
/// the places left go to the most similar text (<see cref="RelatedText"/>),
/// and an article with nothing in common is never shown. Plain facts in, ids out.
/// </summary>
public static class RelatedRanking
{
    public const int Places = 3;

    public static IReadOnlyList<long> Choose(PublicArticle subject, IEnumerable<PublicArticle> candidates)
    {
        var others = candidates.Where(candidate => candidate.Id != subject.Id && candidate.Kind == "article")
            .DistinctBy(candidate => candidate.Id).ToList();
        var tags = subject.Tags.Select(tag => tag.Id).ToHashSet();
        var sections = subject.Sections.Select(section => section.Id).ToHashSet();
        var byTags = others
            .Select(candidate => (candidate, shared: candidate.Tags.Count(tag => tags.Contains(tag.Id))))
            .Where(scored => scored.shared > 0)
            .OrderByDescending(scored => scored.shared)
            .ThenByDescending(scored => scored.candidate.Sections.Any(section => sections.Contains(section.Id)))
            .ThenByDescending(scored => scored.candidate.PublishedAt)
            .ThenByDescending(scored => scored.candidate.Id)
            .Select(scored => scored.candidate.Id)
            .Take(Places)
            .ToList();
        if (byTags.Count == Places)
        {
            return byTags;
        }
        var words = RelatedText.Words(subject);
        var byText = others
            .Where(candidate => !byTags.Contains(candidate.Id))
            .Select(candidate => (candidate, score: RelatedText.Similarity(words, RelatedText.Words(candidate))))
            .Where(scored => scored.score > 0)
            .OrderByDescending(scored => scored.score)
            .ThenByDescending(scored => scored.candidate.PublishedAt)
            .ThenByDescending(scored => scored.candidate.Id)
            .Select(scored => scored.candidate.Id)
            .Take(Places - byTags.Count);
        return [.. byTags, .. byText];
    }
}

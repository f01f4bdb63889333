using System.Text;


namespace Gazette.Articles;

/// <summary>
/// Plausible articles for load tests and demos: news-length bodies (headings,
/// lists, quotes, links), a section each, a few tags from a long tail, bylines,
/// dates spread over two years. Seeded, so two runs make the same site.
/// </summary>
public sealed class ArticleGenerator(int seed, DateTimeOffset newest)
{
    private static readonly string[] Sections = ["World", "Politics", "Business", "Technology", "Science", "Health", "Sport", "Culture", "Opinion", "Climate"];
    private static readonly string[] Reporters = ["Amara Okafor", "Lukas Brandt", "Mei Lin", "Sofia Rossi", "Daniel Cohen", "Priya Raman", "Tomás Herrera", "Hannah Weber", "Kwame Mensah", "Élise Martin"];
    private static readonly string[] Subjects = ["Ministers", "Regulators", "Researchers", "Lawmakers", "Investors", "Officials", "Residents", "Negotiators", "Economists", "Scientists", "Unions", "Diplomats"];
    private static readonly string[] Verbs = ["weigh", "unveil", "reject", "back", "question", "delay", "approve", "debate", "review", "challenge", "expand", "defend"];
    private static readonly string[] Objects = ["new trade rules", "a climate package", "the budget plan", "rail investment", "housing reform", "data privacy limits", "a ceasefire proposal", "energy subsidies", "school funding", "water rights", "vaccine supply", "port expansion"];
    private static readonly string[] Places = ["in Brussels", "in Nairobi", "in Ottawa", "in Jakarta", "in Lima", "in Seoul", "in Warsaw", "in Lagos", "in Melbourne", "in Geneva", "in Mumbai", "in Denver"];
    private static readonly string[] Words = "the a of to and in for on with as by at from that this after before while during across between among about against under over said according report officials city government market workers families companies country region policy plan cost people year week month data analysts public local national international growth pressure support change decision record rise fall agreement talks vote council court board program project community service response impact evidence study".Split(' ');

    private readonly Random _random = new(seed);

    public ArticleDraft Next()
    {
        var title = $"{Pick(Subjects)} {Pick(Verbs)} {Pick(Objects)} {Pick(Places)}";
        var body = new StringBuilder();
        var paragraphs = _random.Next(6, 14);
        for (var i = 0; i < paragraphs; i++)
        {
            if (i == paragraphs / 2)
            {
                body.Append("## ").Append(Sentence(4, 8).TrimEnd('.')).Append("\n\n");
            }
            if (i == 3 && _random.Next(3) == 0)
            {
                for (var item = 1; item <= 4; item++)
                {
                    body.Append(item).Append(". **").Append(Sentence(2, 4).TrimEnd('.')).Append(":** ").Append(Sentence(10, 20)).Append('\n');
                }
                body.Append('\n');
            }
            if (i == 5 && _random.Next(2) == 0)
            {
                body.Append("> ").Append(Sentence(12, 24)).Append("\n\n");
            }
            for (var s = _random.Next(3, 6); s > 0; s--)
            {
                body.Append(Sentence(12, 28)).Append(' ');
            }
            if (_random.Next(4) == 0)
            {
                body.Append("[Read the full report](https://example.org/reports/").Append(_random.Next(10_000)).Append(").");
            }
            body.Append("\n\n");
        }
        return new ArticleDraft
        {
            Title = title,
            BodyMarkdown = body.ToString(),
            PublishedAt = newest.AddMinutes(-_random.Next(0, 2 * 365 * 24 * 60)),
            Sections = [Pick(Sections)],
            Tags = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => $"{Pick(Objects)} {_random.Next(60)}").ToList(),
            Bylines = [Pick(Reporters)],
        };
    }

    private string Sentence(int min, int max)
    {
        var words = Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => Pick(Words)).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + ".";
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];
}

using System.Globalization;
using System.Text;

namespace Gazette.Articles;

/// <summary>A generated article, the reader comments to post under it, and the seed of its picture.</summary>
public sealed record GeneratedArticle(ArticleDraft Draft, IReadOnlyList<GeneratedComment> Comments, int ImageSeed);

/// <summary>A reader's comment; <paramref name="ReplyTo"/> is the index of the comment it answers in the same list.</summary>
public sealed record GeneratedComment(int? ReplyTo, string Author, string Body, TimeSpan After);

/// <summary>
/// Articles that read like news, for demos and load tests: a headline from its
/// section's desk (<see cref="NewsDesks"/>), sentences from templates whose
/// slots take whole phrases, quotes with attribution, briefs to long features
/// with subheadings, lists and blockquotes, a byline from the roster, dates
/// over two years, and for some a thread of reader comments. Seeded, so two
/// runs make the same site.
/// </summary>
public sealed class ArticleGenerator(int seed, DateTimeOffset newest)
{
    /// <summary>The generated paper's writers; <c>generate</c> makes each a member without a password.</summary>
    public static readonly IReadOnlyList<string> Roster = ["Amara Okafor", "Lukas Brandt", "Mei Lin", "Sofia Rossi", "Daniel Cohen", "Priya Raman", "Tomás Herrera", "Hannah Weber", "Kwame Mensah", "Élise Martin"];

    private static readonly string[] Speakers = ["Maria Lopes", "James Carter", "Aiko Tanaka", "Olu Adeyemi", "Fatima Zahra", "Pieter de Vries", "Chen Wei", "Grace Mwangi", "Rahul Mehta", "Ingrid Larsen", "Samuel Osei", "Laura Bianchi"];

    private readonly Random _random = new(seed);

    public GeneratedArticle Next()
    {
        var desk = Pick(NewsDesks.All);
        var slots = new Slots(desk, this);
        var title = Capitalize(slots.Fill(Pick(desk.Headlines)));
        var body = new StringBuilder();
        var length = _random.Next(10);
        var paragraphs = length < 3 ? _random.Next(2, 4) : length < 8 ? _random.Next(5, 10) : _random.Next(11, 16);
        for (var i = 0; i < paragraphs; i++)
        {
            if (paragraphs >= 8 && i > 0 && i % 5 == 0)
            {
                body.Append("## ").Append(Capitalize(slots.Fill(Pick(desk.Headings)))).Append("\n\n");
            }
            if (i == 2 && paragraphs >= 5 && _random.Next(3) == 0)
            {
                body.Append("Key points:\n\n");
                for (var point = 0; point < 3; point++)
                {
                    body.Append("- ").Append(Sentence(slots, slots.Deal(desk.Sentences))).Append('\n');
                }
                body.Append('\n');
            }
            if (i == 3 && _random.Next(3) == 0)
            {
                body.Append("> “").Append(Capitalize(slots.Fill(slots.Deal(desk.Quotes)))).Append(".”\n\n");
            }
            body.Append(Paragraph(desk, slots, i)).Append("\n\n");
        }
        var published = newest.AddMinutes(-_random.Next(0, 2 * 365 * 24 * 60));
        return new GeneratedArticle(
            new ArticleDraft
            {
                Title = title,
                BodyMarkdown = body.ToString(),
                PublishedAt = published,
                Sections = [desk.Section],
                Tags = slots.Tags(),
                Bylines = [Pick(Roster)],
            },
            Comments(),
            _random.Next());
    }

    /// <summary>A story of the China desk (<see cref="ChineseDesk"/>), in Chinese: a headline and three to eight paragraphs, one cast throughout.</summary>
    public GeneratedArticle NextChinese()
    {
        var speaker = Pick(ChineseDesk.Speakers);
        var topic = Pick(ChineseDesk.Topics);
        var city = Pick(ChineseDesk.Cities);
        string Fill(string template) => template
            .Replace("{S}", speaker, StringComparison.Ordinal)
            .Replace("{T}", topic, StringComparison.Ordinal)
            .Replace("{C}", city, StringComparison.Ordinal)
            .Replace("{N}", _random.Next(2, 10).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var deck = new Queue<string>(ChineseDesk.Sentences.OrderBy(_ => _random.Next()));
        var paragraphs = Enumerable.Range(0, _random.Next(3, 9))
            .Select(_ => string.Concat(Enumerable.Range(0, _random.Next(1, 4)).Where(_ => deck.Count > 0).Select(_ => Fill(deck.Dequeue()))))
            .Where(paragraph => paragraph.Length > 0);
        return new GeneratedArticle(
            new ArticleDraft
            {
                Title = Fill(Pick(ChineseDesk.Headlines)),
                BodyMarkdown = string.Join("\n\n", paragraphs) + "\n",
                PublishedAt = newest.AddMinutes(-_random.Next(0, 2 * 365 * 24 * 60)),
                Sections = [ChineseDesk.Section],
                Tags = [topic, city],
                Bylines = [Pick(Roster)],
            },
            [],
            _random.Next());
    }

    private string Paragraph(NewsDesk desk, Slots slots, int index)
    {
        var sentences = new List<string>();
        if (index == 0)
        {
            sentences.Add(Sentence(slots, slots.Deal(desk.Sentences)));
        }
        if (index % 2 == 1)
        {
            sentences.Add(slots.Quote());
        }
        for (var count = _random.Next(1, 4); count > 0; count--)
        {
            sentences.Add(Sentence(slots, slots.Deal(slots.Prose)));
        }
        return string.Join(' ', sentences.Distinct(StringComparer.Ordinal));
    }

    private static string Sentence(Slots slots, string template) => Capitalize(slots.Fill(template));

    private List<GeneratedComment> Comments()
    {
        if (_random.Next(4) != 0)
        {
            return [];
        }
        var comments = new List<GeneratedComment>();
        var after = TimeSpan.Zero;
        for (var count = _random.Next(2, 9); comments.Count < count;)
        {
            after += TimeSpan.FromMinutes(_random.Next(3, 240));
            var reply = comments.Count > 0 && _random.Next(3) == 0;
            var body = reply ? Pick(ReaderComments.Replies) : Pick(ReaderComments.Openers) + " " + Pick(ReaderComments.Thoughts);
            // Two identical comments on one story would be one reader's double post (refused as a duplicate).
            if (comments.Any(comment => comment.Body == body))
            {
                continue;
            }
            comments.Add(new GeneratedComment(reply ? _random.Next(comments.Count) : null, Pick(ReaderComments.Names), body, after));
        }
        return comments;
    }

    /// <summary>
    /// A busy discussion under one story: <paramref name="count"/> comments a few
    /// minutes apart, a third of them replies. One reader saying the same thing
    /// twice is avoided while the pairs of names and remarks last.
    /// </summary>
    public IReadOnlyList<GeneratedComment> Discussion(int count)
    {
        var comments = new List<GeneratedComment>(count);
        var said = new HashSet<(string, string)>();
        var pairs = ReaderComments.Names.Length * (ReaderComments.Openers.Length * ReaderComments.Thoughts.Length + ReaderComments.Replies.Length);
        var after = TimeSpan.Zero;
        while (comments.Count < count)
        {
            after += TimeSpan.FromSeconds(_random.Next(20, 600));
            var reply = comments.Count > 0 && _random.Next(3) == 0;
            var author = Pick(ReaderComments.Names);
            var body = reply ? Pick(ReaderComments.Replies) : Pick(ReaderComments.Openers) + " " + Pick(ReaderComments.Thoughts);
            if (said.Count < pairs / 2 && !said.Add((author, body)))
            {
                continue;
            }
            comments.Add(new GeneratedComment(reply ? _random.Next(comments.Count) : null, author, body, after));
        }
        return comments;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>One story's cast: its names, topic and city stay the same from the headline to the last paragraph.</summary>
    private sealed class Slots
    {
        private readonly string _name;
        private readonly string _other;
        private readonly string _topic;
        private readonly string _city;
        private readonly ArticleGenerator _generator;
        private readonly NewsDesk _desk;
        private readonly (string Name, string Role)[] _sources;
        private readonly HashSet<string> _introduced = new(StringComparer.Ordinal);
        private readonly Dictionary<string[], Queue<string>> _decks = [];
        private readonly HashSet<string> _dealt = new(StringComparer.Ordinal);

        public Slots(NewsDesk desk, ArticleGenerator generator)
        {
            _generator = generator;
            _desk = desk;
            Prose = [.. desk.Sentences, .. NewsDesks.Background];
            _name = generator.Pick(desk.Names);
            do
            {
                _other = generator.Pick(desk.Names);
            }
            while (_other == _name);
            _topic = generator.Pick(desk.Topics);
            _city = generator.Pick(NewsDesks.Cities);
            var first = generator.Pick(Speakers);
            var second = generator.Pick(Speakers.Where(name => name != first).ToList());
            _sources = [(first, Fill(generator.Pick(desk.Roles))), (second, Fill(generator.Pick(desk.Roles)))];
        }

        /// <summary>The story's own sentences and the shared background ones.</summary>
        public string[] Prose { get; }

        /// <summary>The next of <paramref name="items"/> from a shuffled deck: none comes twice before every one has come once.</summary>
        public string Deal(string[] items)
        {
            if (!_decks.TryGetValue(items, out var deck) || deck.Count == 0)
            {
                deck = new Queue<string>(items.OrderBy(_ => _generator._random.Next()));
                _decks[items] = deck;
            }
            // Decks share templates (the lead's and the body's): one another deck dealt is passed over while this one has more.
            var item = deck.Dequeue();
            while (_dealt.Contains(item) && deck.Count > 0)
            {
                item = deck.Dequeue();
            }
            _dealt.Add(item);
            return item;
        }

        /// <summary>One of the story's two sources, quoted (named with their role the first time) or, once the quotes run out, reported.</summary>
        public string Quote()
        {
            var (name, role) = _sources[_generator._random.Next(_sources.Length)];
            var named = _introduced.Add(name) ? $"{name}, {role}," : name;
            if (_decks.TryGetValue(_desk.Quotes, out var left) && left.Count == 0)
            {
                return Fill(Deal(NewsDesks.Reported)).Replace("{Q}", name, StringComparison.Ordinal);
            }
            var words = Capitalize(Fill(Deal(_desk.Quotes)));
            return _generator._random.Next(2) == 0
                ? $"“{words},” said {named.TrimEnd(',')}."
                : $"{named} said: “{words}.”";
        }

        public string Fill(string template) => template
            .Replace("{S2}", _other, StringComparison.Ordinal)
            .Replace("{S}", _name, StringComparison.Ordinal)
            .Replace("{T}", _topic, StringComparison.Ordinal)
            .Replace("{C}", _city, StringComparison.Ordinal)
            .Replace("{N}", _generator._random.Next(2, 10).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{P}", _generator._random.Next(2, 19).ToString(CultureInfo.InvariantCulture) + "%", StringComparison.Ordinal);

        public IReadOnlyList<string> Tags() => [Tag(_name), Tag(_topic), _city];

        private static string Tag(string phrase) =>
            Capitalize(phrase.StartsWith("the ", StringComparison.Ordinal) ? phrase[4..]
                : phrase.StartsWith("a ", StringComparison.Ordinal) ? phrase[2..]
                : phrase.StartsWith("an ", StringComparison.Ordinal) ? phrase[3..]
                : phrase);
    }
}

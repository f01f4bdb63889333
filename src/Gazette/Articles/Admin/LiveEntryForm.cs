using Microsoft.AspNetCore.Mvc;

namespace Gazette.Articles.Admin;

/// <summary>The entry form's fields as posted, kept when refused; the errors by field beside them.</summary>
public sealed class LiveEntryForm
{
    [BindProperty(Name = LiveFields.Headline)]
    public string? Headline { get; set; }

    [BindProperty(Name = LiveFields.Body)]
    public string? BodyMarkdown { get; set; }

    [BindProperty(Name = LiveFields.KeyEvent)]
    public bool KeyEvent { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; set; } = new Dictionary<string, string>();

    public LiveEntryInput ToInput() => new(Headline, BodyMarkdown, KeyEvent);

    public static LiveEntryForm Of(LiveEntry entry) => new() { Headline = entry.Headline, BodyMarkdown = entry.BodyMarkdown, KeyEvent = entry.KeyEvent };
}

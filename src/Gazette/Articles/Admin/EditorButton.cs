namespace Gazette.Articles.Admin;

/// <summary>One submit button of the editor's form: the page handler it posts to, its label, and whether it takes the article out of view.</summary>
public sealed record EditorButton(string Handler, string Label, bool Danger = false);

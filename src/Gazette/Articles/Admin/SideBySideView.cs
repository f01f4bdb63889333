namespace Gazette.Articles.Admin;

/// <summary>A text compared side by side, for the partial <c>_SideBySide.cshtml</c>: its caption and the two columns' headings.</summary>
public sealed record SideBySideView(string Caption, string OldHeading, string NewHeading, SideBySideText Text);

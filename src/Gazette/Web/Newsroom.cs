using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Gazette.Web;

/// <summary>
/// WordPress's four roles, strongest first, and what each may do. Features ask
/// a <see cref="NewsroomUser"/> (never compare role names), so what a role may
/// do is decided here once.
/// </summary>
public static class NewsroomRole
{
    public const string Administrator = "administrator";
    public const string Editor = "editor";
    public const string Author = "author";
    public const string Contributor = "contributor";

    public static readonly string[] All = [Administrator, Editor, Author, Contributor];

    /// <summary>Policy names an admin route or page declares: the least role it needs.</summary>
    public static class Policies
    {
        public const string Administrators = "Gazette.Role.Administrators";
        public const string Editors = "Gazette.Role.Editors";
        public const string Authors = "Gazette.Role.Authors";
        public const string Contributors = "Gazette.Role.Contributors";

        /// <summary>The policy that admits <paramref name="role"/> and every stronger one.</summary>
        public static string For(string role) => role switch
        {
            Administrator => Administrators,
            Editor => Editors,
            Author => Authors,
            Contributor => Contributors,
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a newsroom role."),
        };
    }

    /// <summary>The roles at least as strong as <paramref name="role"/>.</summary>
    public static string[] AtLeast(string role) => [.. All.Take(Array.IndexOf(All, role) + 1)];
}

/// <summary>
/// The signed-in member of the newsroom a request is made by, read from the
/// claims the session gave it. Capabilities follow WordPress's roles.
/// </summary>
public sealed record NewsroomUser(long Id, string Name, string Role)
{
    public const string SessionClaim = "gazette:session";

    public bool IsAdministrator => Role == NewsroomRole.Administrator;

    /// <summary>True when this user's role is <paramref name="role"/> or stronger.</summary>
    public bool HasAtLeast(string role) => NewsroomRole.AtLeast(role).Contains(Role);

    /// <summary>Editors and administrators: all articles, sections, tags and comments.</summary>
    public bool CanEditOthers => Role is NewsroomRole.Administrator or NewsroomRole.Editor;

    /// <summary>Authors publish their own articles; contributors only submit them for review.</summary>
    public bool CanPublish => Role is NewsroomRole.Administrator or NewsroomRole.Editor or NewsroomRole.Author;

    public bool CanUpload => CanPublish;

    public bool CanModerate => CanEditOthers;

    /// <summary>May this user change an article owned by <paramref name="ownerId"/>?</summary>
    public bool MayEdit(long? ownerId) => CanEditOthers || ownerId == Id;

    public static NewsroomUser? From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        return id is not null && role is not null && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            ? new NewsroomUser(userId, principal.FindFirstValue(ClaimTypes.Name) ?? "", role)
            : null;
    }

    /// <summary>The signed-in user of an Admin request (the group's policy guarantees one).</summary>
    public static NewsroomUser Of(HttpContext context) =>
        From(context.User) ?? throw new InvalidOperationException("An admin request without a signed-in newsroom user.");

    /// <summary>
    /// The newsroom member behind a request outside the Admin group (a comment
    /// posted from the public page), or null: those groups are anonymous, so the
    /// session cookie is checked here, on demand, only where it matters.
    /// </summary>
    public static async Task<NewsroomUser?> SignedInAsync(HttpContext context) =>
        !SignIn.HasSessionCookie(context.Request) ? null
        : (await context.AuthenticateAsync(SignIn.CookieScheme)).Principal is { } principal ? From(principal) : null;

    /// <summary>
    /// The member an API request is made by, from an application password over
    /// HTTP Basic auth (<see cref="SignIn.ApiScheme"/>), or null when it carries
    /// none or a wrong one: public API routes answer both as anonymous, as
    /// WordPress does. Cookies are never read here; the handler remembers its
    /// answer for the rest of the request.
    /// </summary>
    public static async Task<NewsroomUser?> ApiCallerAsync(HttpContext context) =>
        context.Request.Headers.Authorization.Count == 0 ? null
        : (await context.AuthenticateAsync(SignIn.ApiScheme)).Principal is { } principal ? From(principal) : null;

    public IEnumerable<Claim> Claims() =>
    [
        new(ClaimTypes.NameIdentifier, Id.ToString(CultureInfo.InvariantCulture)),
        new(ClaimTypes.Name, Name),
        new(ClaimTypes.Role, Role),
    ];
}

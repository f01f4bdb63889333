using System.Net;
using Gazette.Comments.Contracts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;

namespace Gazette.Tests.Comments;

/// <summary>A comment posted from the public article page by a signed-in editor is approved at once and marked staff; a reader's, or an author's, waits.</summary>
public sealed class StaffCommentTests(SqliteProvider provider) : CommentTestBase<SqliteProvider>(provider)
{
    [Fact]
    public async Task AnEditorsCommentFromThePublicFormIsStaffAndApprovedAReadersIsHeld()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "desk-editor", NewsroomRole.Editor);
        using var author = await Newsroom.MemberAsync(Factory, "desk-author", NewsroomRole.Author);

        var byEditor = await PostAsAsync(editor, Fields("A correction from the desk: the visit is in April."));
        var byAuthor = await PostAsAsync(author, Fields("An author's aside."));
        var byReader = await PostAsAsync(Client, Fields("A reader's first comment."));

        var staff = await Comments.FindAsync(byEditor);
        Assert.Equal((CommentStatus.Approved, true), (staff!.Status, staff.Staff));
        Assert.Equal((CommentStatus.Pending, false), ((await Comments.FindAsync(byAuthor))!.Status, (await Comments.FindAsync(byAuthor))!.Staff));
        Assert.Equal((CommentStatus.Pending, false), ((await Comments.FindAsync(byReader))!.Status, (await Comments.FindAsync(byReader))!.Staff));
        Assert.Contains("A correction from the desk", await Client.GetStringAsync(Article), StringComparison.Ordinal);
    }

    private static async Task<long> PostAsAsync(HttpClient client, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return CommentIdOf(response);
    }
}

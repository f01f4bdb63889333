using Dapper;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>The writing desk on both databases: saves on a version, roles, validation, revisions, statuses, events and redirects.</summary>
public abstract class ArticleEditorTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task ASaveKeepsTheTermsItNamesWhoseSlugIsNotTheirNames()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var run = Guid.NewGuid().ToString("N")[..8];
        // As an import files them: by the old site's slug, which the name would not give.
        var imported = await Factory.Services.GetRequiredService<ArticlePublisher>().CreateAsync(new ArticleDraft
        {
            Title = Unique("Imported story"),
            BodyMarkdown = "Moved in.",
            Status = ArticleStatus.Draft,
            SectionsBySlug = [new TermKey($"local-{run}", $"Local News {run}")],
            TagsBySlug = [new TermKey($"pier-{run}", $"Harbour pier {run}")],
        });
        var opened = await Editor.OpenAsync(editor, imported.Id);

        var saved = await Editor.SaveAsync(editor, imported.Id, 1, Input("Edited in the newsroom", sections: [.. opened.Article!.Sections], tags: [.. opened.Article.Tags]));

        Assert.Equal(EditOutcome.Done, saved.Outcome);
        await using var connection = await Provider.Database.OpenAsync();
        Assert.Equal([$"local-{run}"], await connection.QueryAsync<string>(
            "select s.slug from article_sections x join sections s on s.id = x.section_id where x.article_id = @Id", new { imported.Id }));
        Assert.Equal([$"pier-{run}"], await connection.QueryAsync<string>(
            "select t.slug from article_tags x join tags t on t.id = x.tag_id where x.article_id = @Id", new { imported.Id }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from sections where slug = @slug", new { slug = $"local-news-{run}" }));
    }

    [Fact]
    public async Task EverySaveRaisesTheVersionAndKeepsARevisionThatCanBeComparedAndRestored()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var title = Unique("Harbour expansion");
        var draft = await DraftAsync(author, Input(title, "The port grows.\n\nShips wait.", sections: ["Business"], tags: ["Ports"]));
        Assert.Equal(1, draft.Article.Version);
        Assert.Equal(ArticleStatus.Draft, draft.Article.Status);
        Assert.Equal(author.Id, draft.Article.AuthorId);

        var saved = await Editor.SaveAsync(author, draft.Article.Id, 1, Input(title + " approved", "The port grows.\n\nShips leave.", sections: ["Business"], tags: ["Ports", "Trade"]));
        Assert.Equal(EditOutcome.Done, saved.Outcome);
        Assert.Equal(2, saved.Article!.Article.Version);
        Assert.Equal(["Ports", "Trade"], saved.Article.Tags);

        var revisions = Factory.Services.GetRequiredService<ArticleRevisions>();
        var list = await revisions.ListAsync(author, draft.Article.Id);
        Assert.NotNull(list);
        Assert.Equal([2, 1], list.Select(revision => revision.Version));
        Assert.All(list, revision => Assert.Equal((author.Id, author.Name), (revision.SavedBy!.Value, revision.SavedByName)));

        var comparison = await revisions.CompareAsync(author, draft.Article.Id, 1, 2);
        var body = comparison!.Fields.Single(field => field.Field == ArticleFields.BodyMarkdown);
        Assert.True(body.Changed);
        Assert.Equal(body.Text.Old.Count, body.Text.New.Count);
        Assert.Contains(body.Text.Old, line => line.Change == LineChange.Modified && line.Words.Any(word => word.Change == LineChange.Deleted && word.Text.Contains("wait", StringComparison.Ordinal)));
        Assert.Contains(body.Text.New, line => line.Change == LineChange.Modified && line.Words.Any(word => word.Change == LineChange.Inserted && word.Text.Contains("leave", StringComparison.Ordinal)));
        Assert.Contains(body.Text.New, line => line.Change == LineChange.Unchanged && line.Text == "The port grows.");
        Assert.False(comparison.Fields.Single(field => field.Field == ArticleFields.Sections).Changed);
        Assert.True(comparison.Fields.Single(field => field.Field == ArticleFields.Tags).Changed);

        var restored = await Editor.RestoreRevisionAsync(author, draft.Article.Id, 2, 1);
        Assert.Equal(EditOutcome.Done, restored.Outcome);
        Assert.Equal(3, restored.Article!.Article.Version);
        Assert.Equal(title, restored.Article.Article.Title);
        Assert.Equal(["Ports"], restored.Article.Tags);
        Assert.Equal(3, (await revisions.ListAsync(author, draft.Article.Id))!.Count);
    }

    [Fact]
    public async Task EveryChangeLeavesAnAuditLineInItsOwnTransaction()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var draft = await DraftAsync(editor, Input(Unique("Audited story")));
        var id = draft.Article.Id;
        Assert.True((await Editor.PublishAsync(editor, id, 1)).Succeeded);
        Assert.Equal(EditOutcome.Conflict, (await Editor.SaveAsync(editor, id, 1, Input("A late save"))).Outcome);

        var trail = await Factory.Services.GetRequiredService<Gazette.Events.AuditTrail>().ForSubjectAsync("article", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["article.publish", "article.created"], trail.Select(entry => entry.Action));
        Assert.All(trail, entry => Assert.Equal((editor.Id, editor.Name), (entry.UserId!.Value, entry.UserName)));
        Assert.Equal("version 2, draft to published", trail[0].Detail);
    }

    [Fact]
    public async Task ASaveFromAnOldVersionIsRefusedWithBothVersionsAndOverwritesNothing()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var draft = await DraftAsync(editor, Input(Unique("Budget vote")));
        var id = draft.Article.Id;
        Assert.True((await Editor.SaveAsync(editor, id, 1, Input("Alice's title"))).Succeeded);

        var late = await Editor.SaveAsync(editor, id, 1, Input("Bob's title"));

        Assert.Equal(EditOutcome.Conflict, late.Outcome);
        Assert.Equal(2, late.Conflict!.Current.Article.Version);
        Assert.Equal("Alice's title", late.Conflict.Current.Article.Title);
        Assert.Equal("Bob's title", late.Conflict.Yours!.Title);
        Assert.Equal(1, late.Conflict.YourBaseVersion);
        var opened = await Editor.OpenAsync(editor, id);
        Assert.Equal("Alice's title", opened.Article!.Article.Title);
        Assert.Equal(2, opened.Article.Article.Version);
    }

    [Fact]
    public async Task TwoSavesFromOneVersionAtTheSameMomentGiveOneSuccessAndOneConflict()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var other = await MemberAsync(NewsroomRole.Editor);
        for (var round = 0; round < 5; round++)
        {
            var draft = await DraftAsync(editor, Input(Unique("Race")));
            using var start = new ManualResetEventSlim();
            var saves = new[] { (editor, "First"), (other, "Second") }
                .Select(pair => Task.Run(async () =>
                {
                    start.Wait();
                    return await Editor.SaveAsync(pair.Item1, draft.Article.Id, 1, Input(pair.Item2));
                }))
                .ToList();
            start.Set();
            var results = await Task.WhenAll(saves);

            Assert.Single(results, result => result.Outcome == EditOutcome.Done);
            Assert.Single(results, result => result.Outcome == EditOutcome.Conflict);
            var winner = results.Single(result => result.Succeeded).Article!.Article.Title;
            var stored = await Editor.OpenAsync(editor, draft.Article.Id);
            Assert.Equal(winner, stored.Article!.Article.Title);
            Assert.Equal(2, stored.Article.Article.Version);
            await using var connection = await Provider.Database.OpenAsync();
            Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select count(*) from article_revisions where article_id = @id", new { id = draft.Article.Id }));
        }
    }

    [Fact]
    public async Task ContributorsSubmitTheirOwnDraftsAuthorsPublishTheirOwnEditorsDoEverything()
    {
        var contributor = await MemberAsync(NewsroomRole.Contributor);
        var author = await MemberAsync(NewsroomRole.Author);
        var editor = await MemberAsync(NewsroomRole.Editor);
        var draft = await DraftAsync(contributor, Input(Unique("Flood warnings")));
        var id = draft.Article.Id;

        Assert.Equal(EditOutcome.Forbidden, (await Editor.PublishAsync(contributor, id, 1)).Outcome);
        Assert.Equal(EditOutcome.Forbidden, (await Editor.ScheduleAsync(contributor, id, 1, Now.AddDays(1))).Outcome);
        Assert.Equal(EditOutcome.Forbidden, (await Editor.SaveAsync(author, id, 1, Input("Not mine"))).Outcome);
        var submitted = await Editor.SubmitAsync(contributor, id, 1);
        Assert.Equal(ArticleStatus.Pending, submitted.Article!.Article.Status);
        Assert.Equal(contributor.Id, submitted.Article.Article.SubmittedBy);
        Assert.Equal(Now, submitted.Article.Article.SubmittedAt);

        var queue = await Factory.Services.GetRequiredService<ArticleListing>().ReviewQueueAsync(100);
        Assert.Contains(queue, row => row.Id == id && row.SubmittedBy == contributor.Id && row.SubmittedByName == contributor.Name && row.SubmittedAt == Now);

        var published = await Editor.PublishAsync(editor, id, 2);
        Assert.Equal(ArticleStatus.Published, published.Article!.Article.Status);
        Assert.Equal(EditOutcome.Forbidden, (await Editor.SaveAsync(contributor, id, 3, Input("Sneaky change"))).Outcome);
        Assert.Equal(EditOutcome.Forbidden, (await Editor.UnpublishAsync(contributor, id, 3)).Outcome);

        var own = await DraftAsync(author, Input(Unique("Author's own")));
        Assert.True((await Editor.PublishAsync(author, own.Article.Id, 1)).Succeeded);
        Assert.Equal(EditOutcome.Forbidden, (await Editor.UnpublishAsync(author, id, 3)).Outcome);
        Assert.True((await Editor.UnpublishAsync(editor, own.Article.Id, 2)).Succeeded);
    }

    [Fact]
    public async Task BadInputIsAnsweredWithErrorsByFieldAndChangesNothing()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var taken = await DraftAsync(author, Input(Unique("Taken title")));

        var invalid = await Editor.CreateAsync(author, Input("  ", sections: ["!!!"]) with { Slug = "admin" });
        Assert.Equal(EditOutcome.Invalid, invalid.Outcome);
        Assert.Contains(ArticleFields.Title, invalid.Errors.Keys);
        Assert.Contains(ArticleFields.Slug, invalid.Errors.Keys);
        Assert.Contains(ArticleFields.Sections, invalid.Errors.Keys);

        var draft = await DraftAsync(author, Input(Unique("Second story")));
        var clash = await Editor.SaveAsync(author, draft.Article.Id, 1, Input("Second story") with { Slug = taken.Article.Slug.ToUpperInvariant() });
        Assert.Equal([ArticleFields.Slug], clash.Errors.Keys);
        var past = await Editor.ScheduleAsync(author, draft.Article.Id, 1, Now.AddMinutes(-1));
        Assert.Equal([ArticleFields.ScheduleAt], past.Errors.Keys);
        var future = await Editor.SaveAsync(author, draft.Article.Id, 1, Input("Dated later") with { PublishedAt = Now.AddDays(2) });
        Assert.Equal([ArticleFields.PublishedAt], future.Errors.Keys);
        var trashed = await Editor.TrashAsync(author, draft.Article.Id, 1);
        Assert.Equal(EditOutcome.Invalid, (await Editor.PublishAsync(author, draft.Article.Id, 2)).Outcome);
        Assert.Equal(ArticleStatus.Trash, trashed.Article!.Article.Status);
        var restored = await Editor.RestoreAsync(author, draft.Article.Id, 2);
        Assert.Equal(ArticleStatus.Draft, restored.Article!.Article.Status);
        Assert.Equal(3, restored.Article.Article.Version);
    }

    [Fact]
    public async Task SlugsComeFromTitlesInAnyScriptAndStayUnique()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var first = await DraftAsync(author, Input($"Москва {tag}"));
        var second = await DraftAsync(author, Input($"Москва {tag}"));
        var han = await DraftAsync(author, Input($"中国外交 {tag}"));

        Assert.Equal($"moskva-{tag}", first.Article.Slug);
        Assert.Equal($"moskva-{tag}-2", second.Article.Slug);
        Assert.Equal($"zhong-guo-wai-jiao-{tag}", han.Article.Slug);
    }

    [Fact]
    public async Task PublishingCountsSectionsAndTagsAndUnpublishingTakesThemBack()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var section = Unique("Desk");
        var draft = await DraftAsync(editor, Input(Unique("Counted"), sections: [section], tags: [section + " tag"]));
        var taxonomy = Factory.Services.GetRequiredService<TaxonomyStore>();
        Assert.Equal(0, (await taxonomy.FindSectionAsync(Gazette.Kernel.Normalized.Slug(section)))!.ArticleCount);

        var start = await LastEventIdAsync();
        await Editor.PublishAsync(editor, draft.Article.Id, 1);
        Assert.Equal(1, (await taxonomy.FindSectionAsync(Gazette.Kernel.Normalized.Slug(section)))!.ArticleCount);
        Assert.Equal(1, (await taxonomy.FindTagAsync(Gazette.Kernel.Normalized.Slug(section + " tag")))!.ArticleCount);
        await Editor.UnpublishAsync(editor, draft.Article.Id, 2);
        Assert.Equal(0, (await taxonomy.FindSectionAsync(Gazette.Kernel.Normalized.Slug(section)))!.ArticleCount);

        Assert.Equal([draft.Article.Id], await EventArticleIdsAsync("article.published", start));
        Assert.Equal([draft.Article.Id], await EventArticleIdsAsync("article.changed", start));
    }

    [Fact]
    public async Task StoredCountsFollowAnArticleMovedRetaggedTrashedAndRestoredWhilePublished()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        string[] desks = [Unique("First desk"), Unique("Second desk")];
        string[] labels = [Unique("Old label"), Unique("New label")];
        var draft = await DraftAsync(editor, Input(Unique("Moving"), sections: [desks[0]], tags: [labels[0]]));
        var other = await DraftAsync(editor, Input(Unique("Staying"), sections: [desks[0]], tags: [labels[0]]));
        await Editor.PublishAsync(editor, other.Article.Id, 1);

        await Editor.PublishAsync(editor, draft.Article.Id, 1);
        Assert.Equal((2, 0, 2, 0), await CountsAsync());
        await Editor.SaveAsync(editor, draft.Article.Id, 2, Input(draft.Article.Title, sections: [desks[1], desks[0]], tags: [labels[1]]));
        Assert.Equal((2, 1, 1, 1), await CountsAsync());
        await Editor.TrashAsync(editor, draft.Article.Id, 3);
        Assert.Equal((1, 0, 1, 0), await CountsAsync());
        await Editor.RestoreAsync(editor, draft.Article.Id, 4);
        Assert.Equal((1, 0, 1, 0), await CountsAsync());

        async Task<(int, int, int, int)> CountsAsync()
        {
            // Each stored count must equal what counting the links gives.
            await using var connection = await Provider.Database.OpenAsync();
            async Task<int> CountAsync(string terms, string links, string key, string name)
            {
                var slug = Gazette.Kernel.Normalized.Slug(name);
                var stored = await connection.ExecuteScalarAsync<int>($"select article_count from {terms} where slug = @slug", new { slug });
                var counted = await connection.ExecuteScalarAsync<int>(
                    $"select count(*) from {links} x join {terms} t on t.id = x.{key} join articles a on a.id = x.article_id where t.slug = @slug and a.kind = 'article' and a.status = 'published'",
                    new { slug });
                Assert.Equal(counted, stored);
                return stored;
            }
            return (await CountAsync("sections", "article_sections", "section_id", desks[0]), await CountAsync("sections", "article_sections", "section_id", desks[1]),
                await CountAsync("tags", "article_tags", "tag_id", labels[0]), await CountAsync("tags", "article_tags", "tag_id", labels[1]));
        }
    }

    [Fact]
    public async Task AnArticleThatLeavesPublicViewVanishesFromItsPageHomeSectionAndTagAtOnce()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var title = Unique("Vanishing story");
        var section = Unique("Vanish desk");
        var draft = await DraftAsync(editor, Input(title, sections: [section], tags: [section + " tag"]));
        var published = (await Editor.PublishAsync(editor, draft.Article.Id, 1)).Article!;
        var paths = new[] { published.Permalink!, "/", Permalinks.Section(Gazette.Kernel.Normalized.Slug(section)), Permalinks.Tag(Gazette.Kernel.Normalized.Slug(section + " tag")) };
        foreach (var path in paths)
        {
            var (status, html, _) = await GetAsync(path);
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(title), html);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(title), (await GetAsync(path)).Html);
        }

        await Editor.TrashAsync(editor, draft.Article.Id, 2);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await GetAsync(paths[0])).Status);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(title), (await GetAsync("/")).Html);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(title), (await GetAsync(paths[2])).Html);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(title), (await GetAsync(paths[3])).Html);
    }

    [Fact]
    public async Task MovingAPublishedArticleLeavesA301AtItsOldAddress()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var title = Unique("Moving story");
        var draft = await DraftAsync(editor, Input(title));
        var published = (await Editor.PublishAsync(editor, draft.Article.Id, 1)).Article!;
        var first = published.Permalink!;

        var renamed = (await Editor.SaveAsync(editor, draft.Article.Id, 2, ArticleInput.Of(published) with { Slug = published.Article.Slug + "-renamed" })).Article!;
        var redated = (await Editor.SaveAsync(editor, draft.Article.Id, 3, ArticleInput.Of(renamed) with { PublishedAt = Now.AddMonths(-2) })).Article!;

        Assert.NotEqual(first, renamed.Permalink);
        Assert.NotEqual(renamed.Permalink, redated.Permalink);
        foreach (var old in new[] { first, renamed.Permalink! })
        {
            var response = (await GetAsync(old)).Response;
            Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(redated.Permalink, response.Headers.Location!.OriginalString);
        }
        Assert.Equal(System.Net.HttpStatusCode.OK, (await GetAsync(redated.Permalink!)).Status);

        await Editor.UnpublishAsync(editor, draft.Article.Id, 4);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await GetAsync(redated.Permalink!)).Status);
    }
}

public sealed class ArticleEditorTestsOnSqlite(SqliteProvider provider) : ArticleEditorTests<SqliteProvider>(provider);

public sealed class ArticleEditorTestsOnPostgres(PostgresProvider provider) : ArticleEditorTests<PostgresProvider>(provider);

namespace Gazette.Comments;

/// <summary>
/// The comments of one comment page as threads (<see cref="ThreadPageReader"/>
/// reads them): top-level comments in the configured order, replies under their
/// parent oldest first. A comment whose parent is not among them is shown at the
/// top level.
/// </summary>
public sealed class CommentThread
{
    private readonly Dictionary<long, List<PublicComment>> _children;

    private CommentThread(List<PublicComment> roots, Dictionary<long, List<PublicComment>> children)
    {
        Roots = roots;
        _children = children;
    }

    public IReadOnlyList<PublicComment> Roots { get; }

    public static CommentThread Build(IEnumerable<PublicComment> comments, bool oldestFirst)
    {
        var byId = comments.ToDictionary(comment => comment.Id);
        var children = new Dictionary<long, List<PublicComment>>();
        var roots = new List<PublicComment>();
        foreach (var comment in byId.Values.OrderBy(comment => comment.CreatedAt).ThenBy(comment => comment.Id))
        {
            if (comment.ParentId is { } parent && byId.ContainsKey(parent))
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }
                list.Add(comment);
            }
            else
            {
                roots.Add(comment);
            }
        }
        if (!oldestFirst)
        {
            roots.Reverse();
        }
        return new CommentThread(roots, children);
    }

    public IReadOnlyList<PublicComment> ChildrenOf(long id) => _children.TryGetValue(id, out var list) ? list : [];
}

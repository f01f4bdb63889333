namespace Gazette.Comments;

/// <summary>
/// An article's comments as threads: top-level comments in the configured order,
/// replies under their parent oldest first. A reply whose parent is not shown
/// (pending, spam, deleted) is shown at the top level rather than lost.
/// </summary>
public sealed class CommentThread
{
    private readonly Dictionary<long, List<PublicComment>> _children;
    private readonly Dictionary<long, PublicComment> _byId;

    private CommentThread(List<PublicComment> roots, Dictionary<long, List<PublicComment>> children, Dictionary<long, PublicComment> byId)
    {
        Roots = roots;
        _children = children;
        _byId = byId;
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
        return new CommentThread(roots, children, byId);
    }

    public IReadOnlyList<PublicComment> ChildrenOf(long id) => _children.TryGetValue(id, out var list) ? list : [];

    public int PageCount(int threadsPerPage) => Math.Max(1, (Roots.Count + threadsPerPage - 1) / threadsPerPage);

    public IReadOnlyList<PublicComment> Page(int page, int threadsPerPage) =>
        Roots.Skip((page - 1) * threadsPerPage).Take(threadsPerPage).ToList();

    /// <summary>The comment page (1-based) that shows a comment: its top-level ancestor's page.</summary>
    public int PageOf(long id, int threadsPerPage)
    {
        var root = _byId.GetValueOrDefault(id);
        while (root?.ParentId is { } parent && _byId.TryGetValue(parent, out var up))
        {
            root = up;
        }
        var index = root is null ? -1 : Roots.ToList().FindIndex(comment => comment.Id == root.Id);
        return index < 0 ? 1 : index / threadsPerPage + 1;
    }
}

namespace Gazette.Articles;

/// <summary>What generated readers write under a story: an opener and a thought, or a reply.</summary>
public static class ReaderComments
{
    public static readonly string[] Names = ["Jo from Leeds", "Marcus T.", "Ana", "Dev Patel", "Ruth K.", "old_reader", "Tariq", "Helen M.", "Sam", "Nadia", "Pablo R.", "Kate W."];

    public static readonly string[] Openers =
    [
        "Thanks for a clear report.",
        "Good piece, but I am not convinced.",
        "I have followed this for years.",
        "Interesting article.",
        "This is the first balanced account I have read.",
        "Finally someone asks the obvious question.",
    ];

    public static readonly string[] Thoughts =
    [
        "What I would like to know is who pays for it in the end.",
        "The numbers in the third paragraph deserve more attention.",
        "We saw the same thing happen in our town last year.",
        "I hope you follow up on this in a few months.",
        "It would help to hear from the people most affected.",
        "Nobody seems to have a plan for what happens next.",
        "My neighbours are talking about little else.",
    ];

    public static readonly string[] Replies =
    [
        "Agreed, the cost question is the whole story.",
        "I see it differently, but thanks for putting it so well.",
        "Same here. It was exactly like that where I live.",
        "Good point. The report linked from the article covers some of it.",
        "Not sure that is fair. They did answer it in the end.",
        "This. Thank you.",
    ];
}

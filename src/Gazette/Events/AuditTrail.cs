using Dapper;
using Gazette.Storage;

namespace Gazette.Events;

/// <summary>
/// Who did something: a member of the newsroom (their id and their name as it
/// is now, kept as it was), or the command line, which has no account.
/// </summary>
public sealed record AuditActor(long? UserId, string Name)
{
    public static readonly AuditActor CommandLine = new(null, "command line");
}

/// <summary>One line of the audit trail.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public long? UserId { get; init; }
    public required string UserName { get; init; }
    public required string Action { get; init; }
    public required string SubjectKind { get; init; }
    public required string SubjectId { get; init; }
    public string Detail { get; init; } = "";
    public DateTimeOffset At { get; init; }
}

/// <summary>
/// Reads the audit trail that units of work write (<see cref="UnitOfWork.AuditAsync"/>).
/// The trail is not the event log: it is kept, read by people, and names who acted.
/// </summary>
public sealed class AuditTrail(Database database)
{
    /// <summary>What was done to one subject, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForSubjectAsync(string subjectKind, string subjectId, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            """
            select id, user_id, user_name, action, subject_kind, subject_id, detail, at
            from audit
            where subject_kind = @subjectKind and subject_id = @subjectId
            order by at desc, id desc
            limit @limit
            """,
            new { subjectKind, subjectId, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}

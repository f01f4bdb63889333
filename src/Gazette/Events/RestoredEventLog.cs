namespace Gazette.Events;

/// <summary>
/// What a restored site does with the log it was backed up with: forgets it,
/// events and cursors alike (decision 61). A position names a point in one
/// database's transaction history; on PostgreSQL a dump played into another
/// cluster brings transaction ids that cluster has not reached, so old events
/// would surface as new once it did and new ones would sort before the stored
/// cursors and be skipped. Nothing needs the old events: what they caused is in
/// the restored data, nodes start reading from "now", and each cluster
/// subscriber's cursor is made afresh at the end of the log on the first start,
/// building what it keeps from current data.
/// </summary>
public static class RestoredEventLog
{
    public const string ResetSql = "delete from event_cursors; delete from events;";
}

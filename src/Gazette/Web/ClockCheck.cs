namespace Gazette.Web;

/// <summary>
/// Whether this machine's clock can be trusted: scheduled publishing, sessions,
/// embargoes and the leader lock all read it. A year outside reason means a
/// machine that booted without time; on PostgreSQL the database server's clock
/// is a second opinion, and nodes whose clocks disagree publish at different moments.
/// </summary>
public static class ClockCheck
{
    public const string Name = "clock";
    public static readonly TimeSpan Tolerated = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Broken = TimeSpan.FromSeconds(60);

    public static DoctorLine Judge(DateTimeOffset local, DateTimeOffset? server)
    {
        var now = $"{local.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
        if (local.Year is < 2025 or > 2100)
        {
            return DoctorLine.Fail(Name, $"this machine's clock says {now}, which cannot be right: set the time (timedatectl, NTP) before serving.");
        }
        if (server is not { } serverNow)
        {
            return DoctorLine.Ok(Name, $"this machine's clock says {now} (SQLite has no server clock to compare it with).");
        }
        var apart = (serverNow - local).Duration();
        var sentence = $"this machine says {now}, the database server {Math.Round(apart.TotalSeconds, 1)} s {(serverNow < local ? "behind" : "ahead")}";
        return apart switch
        {
            _ when apart <= Tolerated => DoctorLine.Ok(Name, sentence + "."),
            _ when apart <= Broken => DoctorLine.Warn(Name, sentence + ": keep both in step with NTP."),
            _ => DoctorLine.Fail(Name, sentence + ": scheduled articles and sessions will go wrong; keep both in step with NTP."),
        };
    }
}

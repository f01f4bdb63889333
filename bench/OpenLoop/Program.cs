using System.Diagnostics;
using System.Globalization;

// An open-loop load: request i is due at start + i / rate, whatever the server
// did with the ones before it (wrk waits for each answer before sending on a
// connection, so a stalled server is sent less and its stall hides). Each
// latency runs from the request's due time, not from when it was actually
// sent, so a late send counts against the server too.
//   dotnet OpenLoop.dll post URL RATE SECONDS [ARTICLE] [TAG]   comment posts to URL/comments/; a 303 is accepted
//   dotnet OpenLoop.dll get URL RATE SECONDS                    GETs of the page at URL; a 200 is accepted
// Prints one line: OPENLOOP OFFERED rate SENT n ACCEPTED n REFUSED n FAILED n PER_SECOND x P50_MS x P99_MS x P999_MS x MAX_MS x
if (args.Length < 4 || args[0] is not ("post" or "get"))
{
    Console.Error.WriteLine("usage: OpenLoop post URL RATE SECONDS [ARTICLE] [TAG] | OpenLoop get URL RATE SECONDS");
    return 2;
}
var posting = args[0] == "post";
var target = posting ? new Uri(new Uri(args[1]), "/comments/") : new Uri(args[1]);
var rate = double.Parse(args[2], CultureInfo.InvariantCulture);
var seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
var article = args.Length > 4 ? args[4] : "1";
var tag = args.Length > 5 ? args[5] : DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
var success = posting ? 303 : 200;
var total = (int)(rate * seconds);

using var client = new HttpClient(new SocketsHttpHandler
{
    AllowAutoRedirect = false,
    // Bounds what a stalled server can make this process hold (sockets, buffers); requests
    // beyond it wait here for a connection, and their latency still runs from their due time.
    MaxConnectionsPerServer = 1000,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
})
{ Timeout = TimeSpan.FromSeconds(60) };

var latencies = new double[total];
var statuses = new int[total];
var ticksPerRequest = Stopwatch.Frequency / rate;
var start = Stopwatch.GetTimestamp();
var inFlight = new List<Task>(total);
for (var i = 0; i < total; i++)
{
    var due = start + (long)(i * ticksPerRequest);
    var ahead = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
    if (ahead > TimeSpan.FromMilliseconds(1))
    {
        await Task.Delay(ahead);
    }
    inFlight.Add(posting ? PostAsync(i, due) : GetAsync(i, due));
}
await Task.WhenAll(inFlight);
var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;

var accepted = statuses.Count(status => status == success);
var failed = statuses.Count(status => status == 0);
var sorted = latencies.Order().ToArray();
double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"OPENLOOP OFFERED {rate:0} SENT {total} ACCEPTED {accepted} REFUSED {total - accepted - failed} FAILED {failed} PER_SECOND {accepted / elapsed:0.0} P50_MS {Percentile(0.5):0.0} P99_MS {Percentile(0.99):0.0} P999_MS {Percentile(0.999):0.0} MAX_MS {sorted[^1]:0.0}"));
return 0;

async Task PostAsync(int i, long due)
{
    var unique = $"{tag}-{i}";
    using var body = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["comment_post_ID"] = article,
        ["comment_parent"] = "0",
        ["author"] = "Open Loop " + (i % 97).ToString(CultureInfo.InvariantCulture),
        ["email"] = $"open-{unique}@example.org",
        ["url"] = "",
        ["comment"] = $"Open-loop comment {unique} with a few more words to look like a real remark.",
    });
    try
    {
        using var response = await client.PostAsync(target, body);
        statuses[i] = (int)response.StatusCode;
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        statuses[i] = 0;
    }
    latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
}

async Task GetAsync(int i, long due)
{
    try
    {
        using var response = await client.GetAsync(target, HttpCompletionOption.ResponseContentRead);
        statuses[i] = (int)response.StatusCode;
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        statuses[i] = 0;
    }
    latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
}

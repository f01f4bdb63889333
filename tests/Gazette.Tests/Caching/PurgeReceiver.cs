using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gazette.Tests.Caching;

/// <summary>A CDN's purge endpoint on a loopback port: records every request it gets and answers <see cref="Status"/>.</summary>
public sealed class PurgeReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PurgeReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Method, Dictionary<string, string> Headers, string Body)> Purges { get; } = new();

    public int Status { get; set; } = StatusCodes.Status200OK;

    public string Url => _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/purge";

    public static async Task<PurgeReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new PurgeReceiver(app);
        app.MapPost("/purge", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Purges.Enqueue((http.Request.Method, http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            return Results.StatusCode(receiver.Status);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

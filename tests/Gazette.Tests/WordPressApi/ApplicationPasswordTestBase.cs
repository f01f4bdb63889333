using System.Net;
using System.Text;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Tests.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.WordPressApi;

/// <summary>
/// A newsroom test that calls the WordPress API as its clients do: each member
/// proves who they are with a real application password over HTTP Basic auth.
/// </summary>
public abstract class ApplicationPasswordTestBase<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private readonly Dictionary<long, string> _credentials = [];

    /// <summary>The Basic credentials of an application password made for <paramref name="caller"/> (one per member).</summary>
    private async Task<string> CredentialsAsync(NewsroomUser caller)
    {
        if (!_credentials.TryGetValue(caller.Id, out var credentials))
        {
            var user = await Factory.Services.GetRequiredService<UserStore>().FindByIdAsync(caller.Id);
            var password = await Factory.Services.GetRequiredService<ApplicationPasswordStore>().CreateAsync(caller.Id, "Tests");
            credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(user!.Login + ":" + password));
            _credentials[caller.Id] = credentials;
        }
        return credentials;
    }

    /// <summary>A request as <paramref name="caller"/> (null: anonymous), with its JSON answer.</summary>
    protected async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, NewsroomUser? caller, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (caller is not null)
        {
            request.Headers.Authorization = new("Basic", await CredentialsAsync(caller));
        }
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>WordPress's error shape: the status, the code, the status again in <c>data</c>, and a message.</summary>
    protected static void AssertError(HttpResponseMessage response, JsonElement body, HttpStatusCode status, string code)
    {
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("data").GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }
}

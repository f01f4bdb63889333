namespace Gazette.Web;

/// <summary>
/// How far a route trusts its caller. Every endpoint belongs to exactly one
/// group, which declares once its authorization, caching, CSP, antiforgery and
/// rate limits (see <see cref="RouteGroups"/>).
/// </summary>
public enum TrustGroup
{
    /// <summary>Anonymous GETs of pages, output-cached, never varying by cookie.</summary>
    Public,

    /// <summary>Anonymous POSTs (comments, reports): cross-site guard, per-address limits, no-store.</summary>
    ReaderWrites,

    /// <summary>The newsroom: cookie sign-in, antiforgery, no-store, its own CSP, never cached.</summary>
    Admin,

    /// <summary>Anonymous GETs of JSON, output-cached and tagged like pages.</summary>
    PublicApi,

    /// <summary>Token-authenticated JSON: problem+json errors, no cookies.</summary>
    Api,
}

/// <summary>Endpoint metadata naming the endpoint's group.</summary>
public sealed record TrustGroupMetadata(TrustGroup Group);

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Tests that read /metrics run alone: OpenTelemetry's listener hears every
/// meter of a name it follows in the process, so another class's host running
/// beside would add its requests, hits and gauges to this host's figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsRunAlone
{
    public const string Name = "metrics";
}

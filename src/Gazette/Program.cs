using Gazette.Cli;

return await GazetteCli.RunAsync(args);

/// <summary>The entry point, named for WebApplicationFactory&lt;Program&gt; in tests.</summary>
public partial class Program;

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;

namespace Gazette.Rendering;

/// <summary>
/// Every page goes through here: Liquid templates from the theme folder named by
/// <c>Gazette:ThemePath</c> (file by file) falling back to the default theme
/// embedded in the executable; every value HTML-encoded unless it is
/// <see cref="SafeHtml"/>; Fluid's step and recursion limits and an output limit
/// set, since operators (and their contractors) edit these templates.
/// </summary>
public sealed class ThemeRenderer
{
    public const string ThemePathKey = "Gazette:ThemePath";
    public const string StyleSheet = "assets/site.css";
    private const int MaxOutputChars = 4 * 1024 * 1024;

    // Encodes what HTML needs encoded (< > & " ') but leaves letters such as ’ or é as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly FluidParser _parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options;

    private readonly Dictionary<string, SafeHtml> _slots;

    public ThemeRenderer(IConfiguration configuration, IEnumerable<ThemeModel> models, IEnumerable<PageSlot> slots)
    {
        _slots = slots.ToDictionary(slot => slot.Name, slot => SafeHtml.FromTrustedSource(PageSlots.Marker(slot.Name)), StringComparer.Ordinal);
        Files = CreateFileProvider(configuration[ThemePathKey], "");
        AssetFiles = CreateFileProvider(configuration[ThemePathKey], "assets");
        _options = CreateOptions(Files, models);
        var css = ReadFile(StyleSheet);
        CriticalCss = SafeHtml.FromTrustedSource(css);
        CriticalCssHash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css))) + "'";
    }

    /// <summary>The theme's files: the override folder first, then the embedded default theme.</summary>
    public IFileProvider Files { get; }

    /// <summary>The theme's assets folder, served under /assets/.</summary>
    public IFileProvider AssetFiles { get; }

    /// <summary>The stylesheet, inlined in every page so the first paint needs no second request.</summary>
    public SafeHtml CriticalCss { get; }

    /// <summary>The CSP source that allows exactly that inlined stylesheet.</summary>
    public string CriticalCssHash { get; }

    /// <summary>Renders <paramref name="template"/> with the model, then the layout around it, as UTF-8 the caller disposes.</summary>
    public async Task<PageOutput> RenderPageAsync(string template, SiteView site, PageMeta page, IReadOnlyDictionary<string, object?> model)
    {
        var context = new TemplateContext(_options) { CultureInfo = CultureInfo.InvariantCulture };
        context.SetValue("site", site);
        context.SetValue("page", page);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }
        using var body = await RenderAsync(template, context);
        context.SetValue("content", new RenderedBodyValue(body));
        context.SetValue("critical_css", CriticalCss);
        context.SetValue("slots", _slots);
        return await RenderAsync("layout", context);
    }

    /// <summary>A template on its own, without the layout: a page slot's fragment (<c>partials/breaking</c>).</summary>
    public async Task<string> RenderFragmentAsync(string template, IReadOnlyDictionary<string, object?> model)
    {
        var context = new TemplateContext(_options) { CultureInfo = CultureInfo.InvariantCulture };
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }
        using var output = await RenderAsync(template, context);
        return output.ToString();
    }

    private async Task<PageOutput> RenderAsync(string name, TemplateContext context)
    {
        var template = _templates.GetOrAdd(name, Parse);
        var output = new PageOutput(MaxOutputChars);
        try
        {
            await template.RenderAsync(output, Encoder, context);
            return output.Complete();
        }
        catch (InvalidOperationException ex)
        {
            output.Dispose();
            throw new ThemeException($"Template {name}.liquid failed: {ex.Message}", ex);
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private IFluidTemplate Parse(string name)
    {
        var source = ReadFile(name + ".liquid");
        return _parser.TryParse(source, out var template, out var error)
            ? template
            : throw new ThemeException($"Template {name}.liquid does not parse: {error}");
    }

    private string ReadFile(string path)
    {
        var file = Files.GetFileInfo(path);
        if (!file.Exists)
        {
            throw new ThemeException($"The theme has no {path}.");
        }
        using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static IFileProvider CreateFileProvider(string? themePath, string subfolder)
    {
        var embedded = new ManifestEmbeddedFileProvider(typeof(ThemeRenderer).Assembly, Path.Combine("themes/default", subfolder));
        if (string.IsNullOrWhiteSpace(themePath))
        {
            return embedded;
        }
        var folder = Path.GetFullPath(themePath);
        if (!Directory.Exists(folder))
        {
            throw new Kernel.StartupException($"{ThemePathKey} names {folder}, which is not a folder.");
        }
        var overrides = Path.Combine(folder, subfolder);
        return Directory.Exists(overrides) ? new CompositeFileProvider(new PhysicalFileProvider(overrides), embedded) : embedded;
    }

    private static TemplateOptions CreateOptions(IFileProvider files, IEnumerable<ThemeModel> models)
    {
        var options = new TemplateOptions
        {
            FileProvider = files,
            MaxSteps = 200_000,
            MaxRecursion = 20,
            CultureInfo = CultureInfo.InvariantCulture,
        };
        // Must precede Register: the strategy names members as they are registered.
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in new[] { typeof(SiteView), typeof(LinkView), typeof(DateView), typeof(PageMeta), typeof(SocialMeta), typeof(FeedLink), typeof(NoticeView) }.Concat(models.Select(model => model.Type)))
        {
            options.MemberAccessStrategy.Register(type);
        }
        options.ValueConverters.Add(value => value is SafeHtml html ? new StringValue(html.Html, encode: false) : null);
        // Liquid's raw would let a template print any value unencoded; here only SafeHtml prints raw.
        options.Filters.AddFilter("raw", (input, _, _) => new ValueTask<FluidValue>(input));
        return options;
    }
}

using Gazette.Tests.Infrastructure;
using Mono.Cecil;

namespace Gazette.Tests.Architecture;

/// <summary>
/// docs/architecture.md's arrows, enforced on the compiled code (every type a
/// type names in its signatures, attributes and method bodies, read with
/// Mono.Cecil): infrastructure names no feature and no composition root;
/// features reach each other only through a Contracts namespace.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Features = ["Gazette.Accounts", "Gazette.Settings", "Gazette.Articles", "Gazette.Comments", "Gazette.Media", "Gazette.Search", "Gazette.Related", "Gazette.Feeds", "Gazette.Sitemaps", "Gazette.Export", "Gazette.WordPressLinks", "Gazette.Import", "Gazette.WordPressApi", "Gazette.NativeApi"];

    /// <summary>What each infrastructure part may use of Gazette, besides itself.</summary>
    private static readonly Dictionary<string, string[]> Infrastructure = new()
    {
        ["Gazette.Kernel"] = [],
        ["Gazette.Storage"] = ["Gazette.Kernel"],
        ["Gazette.Jobs"] = ["Gazette.Storage", "Gazette.Kernel"],
        ["Gazette.Security"] = ["Gazette.Storage", "Gazette.Kernel"],
        ["Gazette.Caching"] = ["Gazette.Rendering", "Gazette.Events", "Gazette.Kernel"],
        ["Gazette.Rendering"] = ["Gazette.Kernel"],
        ["Gazette.Hosting"] = ["Gazette.Storage", "Gazette.Security", "Gazette.Kernel"],
        ["Gazette.Events"] = ["Gazette.Storage", "Gazette.Jobs", "Gazette.Hosting", "Gazette.Kernel"],
        ["Gazette.Backup"] = ["Gazette.Storage", "Gazette.Security", "Gazette.Events", "Gazette.Kernel"],
        ["Gazette.Cluster"] = ["Gazette.Events", "Gazette.Security", "Gazette.Kernel"],
        ["Gazette.Web"] = ["Gazette.Hosting", "Gazette.Storage", "Gazette.Events", "Gazette.Cluster", "Gazette.Jobs", "Gazette.Security", "Gazette.Caching", "Gazette.Rendering", "Gazette.Backup", "Gazette.Kernel"],
    };

    private static readonly Lazy<Dictionary<string, HashSet<string>>> Dependencies = new(ReadDependencies);

    [Fact]
    public void EveryTypeLivesInAKnownPart()
    {
        var unknown = Dependencies.Value.Keys.Where(type => PartOf(type) is null).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void InfrastructureUsesOnlyThePartsItMay()
    {
        var violations = new List<string>();
        foreach (var (type, uses) in Dependencies.Value)
        {
            var part = PartOf(type);
            if (part is null || !Infrastructure.TryGetValue(part, out var allowed))
            {
                continue;
            }
            violations.AddRange(uses.Where(used => PartOf(used) is { } usedPart && usedPart != part && !allowed.Contains(usedPart))
                .Select(used => $"{type} uses {used}"));
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void FeaturesReachEachOtherOnlyThroughContracts()
    {
        var violations = new List<string>();
        foreach (var (type, uses) in Dependencies.Value)
        {
            var feature = FeatureOf(type);
            if (feature is null)
            {
                continue;
            }
            var inContracts = type.StartsWith(feature + ".Contracts.", StringComparison.Ordinal);
            foreach (var used in uses)
            {
                var other = FeatureOf(used);
                if (other is null || other == feature)
                {
                    continue;
                }
                // A contract names no other feature at all; a module's code may use other features' contracts.
                if (inContracts || !used.StartsWith(other + ".Contracts.", StringComparison.Ordinal))
                {
                    violations.Add($"{type} uses {used}");
                }
            }
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void FeaturesUseOnlyTheModuleContractOfTheCompositionRoot()
    {
        string[] allowed = ["Gazette.Web.GazetteModule", "Gazette.Web.RouteGroups", "Gazette.Web.ReaderRateLimit", "Gazette.Web.ReaderRateLimitExtensions", "Gazette.Web.CrossSiteGuard", "Gazette.Web.StorageFailureAnswer", "Gazette.Web.SiteMetrics",
            "Gazette.Web.NewsroomUser", "Gazette.Web.NewsroomRole", "Gazette.Web.Admin.AdminPageModel", "Gazette.Web.Admin.AdminMenuItem",
            "Gazette.Web.Admin.IDashboardPanel", "Gazette.Web.Admin.FieldView", "Gazette.Web.Admin.ResultAction", "Gazette.Web.Admin.NewsroomTime", "Gazette.Web.Admin.AdminMenuServiceCollectionExtensions"];
        var violations = Dependencies.Value
            .Where(pair => FeatureOf(pair.Key) is not null)
            .SelectMany(pair => pair.Value.Where(used => PartOf(used) == "Gazette.Web" && !allowed.Contains(Outermost(used))).Select(used => $"{pair.Key} uses {used}"))
            .ToList();
        Assert.Empty(violations);
    }

    /// <summary>
    /// A commenter's email is read by the Comments moderation path alone (its store,
    /// form, validation and moderation rules, the moderation screens' store and
    /// service), the privacy tools, the WordPress export, which carries them as WordPress's does (decision 110),
    /// and the WordPress API's edit context and comment writes, for editors only (decision 119).
    /// </summary>
    [Fact]
    public void OnlyTheCommentsModerationPathReadsACommentersEmail()
    {
        var root = Repository.Root;
        string[] allowed = ["src/Gazette/Comments/CommentStore.cs", "src/Gazette/Comments/CommentStore.Submissions.cs", "src/Gazette/Comments/CommentForm.cs", "src/Gazette/Comments/CommentValidator.cs",
            "src/Gazette/Comments/CommentModeration.cs", "src/Gazette/Comments/CommentService.cs", "src/Gazette/Comments/Comment.cs", "src/Gazette/Comments/Migrations/",
            "src/Gazette/Comments/ModerationStore.cs", "src/Gazette/Comments/CommentModerationService.cs", "src/Gazette/Comments/PersonalDataTools.cs",
            "src/Gazette/Comments/CommentExportReader.cs", "src/Gazette/Comments/Contracts/CommentExport.cs", "src/Gazette/Export/WxrWriter.cs",
            "src/Gazette/Comments/Contracts/CommentImport.cs", "src/Gazette/Import/WxrEntries.cs", "src/Gazette/Import/WxrReader.cs", "src/Gazette/Import/WordPressImport.cs",
            "src/Gazette/Comments/CommentWriteService.cs", "src/Gazette/Comments/Contracts/CommentWrites.cs", "src/Gazette/WordPressApi/WpCommentEdit.cs", "src/Gazette/WordPressApi/WpCommentWrites.cs"];
        var readers = Directory.EnumerateFiles(Path.Combine(root, "src/Gazette"), "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".sql", StringComparison.Ordinal))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path).Contains("author_email", StringComparison.OrdinalIgnoreCase) || File.ReadAllText(path).Contains("AuthorEmail", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !allowed.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(readers);
    }

    private static string? PartOf(string type) =>
        Infrastructure.Keys.Concat(Features).FirstOrDefault(part => type.StartsWith(part + ".", StringComparison.Ordinal))
        ?? (type == "Program" || type.StartsWith("Program/", StringComparison.Ordinal) || type.StartsWith('<') || type.StartsWith("Microsoft.", StringComparison.Ordinal) || type.StartsWith("System.", StringComparison.Ordinal) ? "(root)" : null);

    private static string? FeatureOf(string type) => Features.FirstOrDefault(feature => type.StartsWith(feature + ".", StringComparison.Ordinal));

    /// <summary>The declaring type of a nested type (Outer/Inner in Cecil's names).</summary>
    private static string Outermost(string type) => type.Split('/')[0];

    /// <summary>Each Gazette type of the executable and the Gazette types it names.</summary>
    private static Dictionary<string, HashSet<string>> ReadDependencies()
    {
        using var module = ModuleDefinition.ReadModule(typeof(Program).Assembly.Location);
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var owner = Outermost(type.FullName).StartsWith('<') ? null : type.FullName;
            if (owner is null || !owner.StartsWith("Gazette.", StringComparison.Ordinal))
            {
                continue;
            }
            // Compiler-made nested types (lambdas, state machines) count as their declaring type.
            var key = type.DeclaringType is null || !type.Name.StartsWith('<') ? owner : DeclaringUserType(type);
            if (!result.TryGetValue(key, out var uses))
            {
                result[key] = uses = [];
            }
            foreach (var used in Referenced(type).Where(name => name.StartsWith("Gazette.", StringComparison.Ordinal)))
            {
                uses.Add(used);
            }
        }
        return result;
    }

    private static string DeclaringUserType(TypeDefinition type)
    {
        while (type.DeclaringType is not null && type.Name.StartsWith('<'))
        {
            type = type.DeclaringType;
        }
        return type.FullName;
    }

    private static HashSet<string> Referenced(TypeDefinition type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(TypeReference? reference)
        {
            switch (reference)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument);
                    }
                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                default:
                    names.Add(reference.FullName);
                    return;
            }
        }
        Add(type.BaseType);
        type.Interfaces.ToList().ForEach(item => Add(item.InterfaceType));
        type.CustomAttributes.ToList().ForEach(attribute => Add(attribute.AttributeType));
        type.Fields.ToList().ForEach(field => Add(field.FieldType));
        type.Properties.ToList().ForEach(property => Add(property.PropertyType));
        foreach (var method in type.Methods)
        {
            Add(method.ReturnType);
            method.Parameters.ToList().ForEach(parameter => Add(parameter.ParameterType));
            method.CustomAttributes.ToList().ForEach(attribute => Add(attribute.AttributeType));
            if (!method.HasBody)
            {
                continue;
            }
            method.Body.Variables.ToList().ForEach(variable => Add(variable.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference reference:
                        Add(reference);
                        break;
                    case MethodReference called:
                        Add(called.DeclaringType);
                        Add(called.ReturnType);
                        if (called is GenericInstanceMethod genericMethod)
                        {
                            genericMethod.GenericArguments.ToList().ForEach(Add);
                        }
                        break;
                    case FieldReference field:
                        Add(field.DeclaringType);
                        Add(field.FieldType);
                        break;
                }
            }
        }
        return names;
    }
}

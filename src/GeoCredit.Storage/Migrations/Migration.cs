using System.Globalization;
using System.Reflection;

namespace GeoCredit.Storage.Migrations;

/// <summary>One versioned SQL script, named <c>NNNN_name.sql</c> and embedded in this assembly.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "GeoCredit.Storage.Migrations.";

    /// <summary>Every migration this build knows, in version order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    private static Migration[] Load()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(migration => migration.Version)
            .ToArray();

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}.");
        }

        return migrations;
    }

    private static Migration Read(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[ResourcePrefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0
            || !int.TryParse(
                fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration '{fileName}' is not named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}

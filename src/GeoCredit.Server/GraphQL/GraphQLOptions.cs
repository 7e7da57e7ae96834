namespace GeoCredit.Server.GraphQL;

/// <summary>Settings under <c>GeoCredit:GraphQL</c>.</summary>
public sealed class GraphQLOptions
{
    public const string Section = "GeoCredit:GraphQL";

    /// <summary>The deepest nesting of selections a document may have.</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>The highest complexity score a document may have (lists multiply what they hold).</summary>
    public int MaxComplexity { get; set; } = 20_000;
}

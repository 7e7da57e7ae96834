using GeoCredit.Core.Credit;

namespace GeoCredit.Core.Tests.Credit;

public sealed class GradeSchemeTests
{
    public static TheoryData<string, string[]> BuiltInOrders => new()
    {
        { "abc", ["A", "B", "C"] },
        { "anqing", ["green", "blue", "yellow", "red"] },
        { "hazmat", ["green", "yellow", "red"] },
        { "risk", ["low", "medium", "high"] },
        { "aaa", ["AAA", "AA", "A", "B", "C"] },
        { "terminal", ["blue", "green", "yellow", "red"] },
        { "supervision", ["listed"] },
    };

    [Theory]
    [MemberData(nameof(BuiltInOrders))]
    public void BuiltIn_scheme_lists_its_levels_best_first(string id, string[] levels)
    {
        var scheme = GradeScheme.BuiltIn.Single(s => s.Id == id);

        Assert.Equal(levels, scheme.Levels);
        Assert.True(scheme.IsBuiltIn);
        Assert.Equal(levels[0], scheme.Best);
        Assert.Equal(levels[^1], scheme.Worst);
        for (var i = 0; i < levels.Length; i++)
        {
            Assert.Equal(i, scheme.IndexOf(levels[i]));
        }
    }

    [Theory]
    [MemberData(nameof(BuiltInOrders))]
    public void BuiltIn_scheme_ranks_every_later_level_worse(string id, string[] levels)
    {
        var scheme = GradeScheme.BuiltIn.Single(s => s.Id == id);

        for (var i = 0; i < levels.Length; i++)
        {
            for (var j = 0; j < levels.Length; j++)
            {
                Assert.Equal(i > j, scheme.IsWorse(levels[i], levels[j]));
                Assert.Equal(Math.Sign(i.CompareTo(j)), Math.Sign(scheme.Compare(levels[i], levels[j])));
            }
        }
    }

    [Fact]
    public void BuiltIn_ids_are_distinct_and_stable()
    {
        Assert.Equal(
            ["abc", "anqing", "hazmat", "risk", "aaa", "terminal", "supervision"],
            GradeScheme.BuiltIn.Select(s => s.Id));
    }

    [Fact]
    public void Terminal_ranks_blue_above_green_unlike_anqing()
    {
        Assert.True(GradeScheme.Terminal.IsWorse("green", "blue"));
        Assert.True(GradeScheme.Anqing.IsWorse("blue", "green"));
    }

    [Theory]
    [InlineData("RED", "red")]
    [InlineData("Red", "red")]
    [InlineData("  yellow ", "yellow")]
    public void TryParseLevel_ignores_case_and_spaces_and_returns_the_scheme_spelling(string text, string expected)
    {
        Assert.True(GradeScheme.Hazmat.TryParseLevel(text, out var level));

        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("")]
    [InlineData("blue")]
    [InlineData("re d")]
    public void TryParseLevel_refuses_what_is_not_a_level(string text)
    {
        Assert.False(GradeScheme.Hazmat.TryParseLevel(text, out var level));
        Assert.Null(level);
        Assert.Equal(-1, GradeScheme.Hazmat.IndexOf(text));
    }

    [Fact]
    public void ParseLevel_of_unknown_level_throws_format_exception()
    {
        Assert.Throws<FormatException>(() => GradeScheme.Abc.ParseLevel("D"));
    }

    [Fact]
    public void Aaa_levels_are_matched_whole_not_by_prefix()
    {
        Assert.Equal(1, GradeScheme.Aaa.IndexOf("aa"));
        Assert.Equal(2, GradeScheme.Aaa.IndexOf("a"));
    }

    [Fact]
    public void IsAtOrWorse_includes_the_threshold()
    {
        Assert.True(GradeScheme.Anqing.IsAtOrWorse("yellow", "yellow"));
        Assert.True(GradeScheme.Anqing.IsAtOrWorse("red", "yellow"));
        Assert.False(GradeScheme.Anqing.IsAtOrWorse("blue", "yellow"));
    }

    [Fact]
    public void Compare_with_a_level_outside_the_scheme_throws()
    {
        Assert.Throws<ArgumentException>(() => GradeScheme.Abc.Compare("A", "green"));
    }

    [Fact]
    public void Create_custom_scheme_trims_levels_and_keeps_order()
    {
        var scheme = GradeScheme.Create("yacht-abc", " Yacht A/B/C ", [" A", "B ", "C"]);

        Assert.Equal("yacht-abc", scheme.Id);
        Assert.Equal("Yacht A/B/C", scheme.Name);
        Assert.Equal(["A", "B", "C"], scheme.Levels);
        Assert.False(scheme.IsBuiltIn);
    }

    [Fact]
    public void Create_one_level_and_ten_level_schemes_is_allowed()
    {
        Assert.Single(GradeScheme.Create("watch", "Watch list", ["watched"]).Levels);
        var ten = GradeScheme.Create("ten", "Ten", [.. Enumerable.Range(1, 10).Select(i => $"L{i}")]);
        Assert.Equal(10, ten.Levels.Count);
    }

    public static TheoryData<string?, string?, string?[]?, string> InvalidSchemes => new()
    {
        { "Yacht", "Yachts", ["A"], "invalid_id" },
        { "1abc", "Yachts", ["A"], "invalid_id" },
        { "ab_c", "Yachts", ["A"], "invalid_id" },
        { "", "Yachts", ["A"], "invalid_id" },
        { new string('a', 33), "Yachts", ["A"], "invalid_id" },
        { "yachts", " ", ["A"], "invalid_name" },
        { "yachts", null, ["A"], "invalid_name" },
        { "yachts", "Yachts", [], "no_levels" },
        { "yachts", "Yachts", null, "no_levels" },
        { "yachts", "Yachts", [.. Enumerable.Range(1, 11).Select(i => $"L{i}")], "too_many_levels" },
        { "yachts", "Yachts", ["A", " ", "C"], "empty_level" },
        { "yachts", "Yachts", ["A", null, "C"], "empty_level" },
        { "yachts", "Yachts", ["A", new string('x', 33)], "level_too_long" },
        { "yachts", "Yachts", ["A", "B", "b"], "duplicate_level" },
    };

    [Theory]
    [MemberData(nameof(InvalidSchemes))]
    public void Validate_names_what_is_wrong(string? id, string? name, string?[]? levels, string code)
    {
        var issues = GradeScheme.Validate(id, name, levels);

        Assert.Equal([code], issues.Select(issue => issue.Code));
        Assert.False(GradeScheme.TryCreate(id, name, levels, out var scheme, out _));
        Assert.Null(scheme);
    }

    [Fact]
    public void Validate_reports_every_issue_at_once()
    {
        var issues = GradeScheme.Validate("Bad Id", "", ["A", "A", ""]);

        Assert.Equal(["invalid_id", "invalid_name", "duplicate_level", "empty_level"], issues.Select(i => i.Code));
    }

    [Fact]
    public void Create_invalid_scheme_throws_with_every_issue_in_the_message()
    {
        var exception = Assert.Throws<ArgumentException>(() => GradeScheme.Create("x", "X", ["A", "a"]));

        Assert.Contains("more than once", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_scheme_problem_has_a_code()
    {
        foreach (var problem in Enum.GetValues<SchemeProblem>())
        {
            Assert.Matches("^[a-z_]+$", new SchemeIssue(problem, "m").Code);
        }
    }
}

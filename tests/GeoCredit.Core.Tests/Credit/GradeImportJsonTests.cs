using GeoCredit.Core.Credit;

namespace GeoCredit.Core.Tests.Credit;

public sealed class GradeImportJsonTests
{
    private static readonly DateTimeOffset ImportedAt = new(2025, 5, 20, 9, 30, 0, TimeSpan.FromHours(8));

    private static readonly GradeImport Import = new(GradeScheme.BuiltIn, ImportedAt, "bulk import 2025-05");

    [Fact]
    public void ParseJson_good_rows_become_assignments()
    {
        var result = Import.ParseJson("""
            [
              { "subject_kind": "vessel", "subject_id": "413000001", "scheme": "anqing", "level": "Blue",
                "valid_from": "2025-05-01T00:00:00+08:00", "source": "Anqing platform", "reason": "monthly" },
              { "subject_kind": "yacht", "subject_id": "HP-017", "scheme": "abc", "level": "A" }
            ]
            """);

        Assert.True(result.IsClean);
        Assert.Equal(
            [
                new GradeAssignment(1, new SubjectRef(SubjectKind.Vessel, "413000001"), "anqing", "blue",
                    new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.FromHours(8)), "Anqing platform", "monthly"),
                new GradeAssignment(2, new SubjectRef(SubjectKind.Yacht, "HP-017"), "abc", "A", ImportedAt,
                    "bulk import 2025-05", ""),
            ],
            result.Assignments);
    }

    [Fact]
    public void ParseJson_numbers_read_as_written_and_unknown_properties_are_ignored()
    {
        var result = Import.ParseJson("""
            [{ "Subject_Kind": "vessel", "subject_id": 413000001, "scheme": "abc", "level": "B", "extra": [1, 2],
               "reason": null }]
            """);

        var assignment = Assert.Single(result.Assignments);
        Assert.Equal("413000001", assignment.Subject.Id);
        Assert.Equal("", assignment.Reason);
    }

    public static TheoryData<string, string> BadRows => new()
    {
        { """{ "subject_kind": "truck", "subject_id": "x", "scheme": "abc", "level": "A" }""", "unknown_subject_kind" },
        { """{ "subject_kind": "yacht", "scheme": "abc", "level": "A" }""", "missing_subject_id" },
        { """{ "subject_kind": "yacht", "subject_id": "x", "scheme": "stars", "level": "A" }""", "unknown_scheme" },
        { """{ "subject_kind": "yacht", "subject_id": "x", "scheme": "abc", "level": "D" }""", "unknown_level" },
        {
            """{ "subject_kind": "yacht", "subject_id": "x", "scheme": "abc", "level": "A", "valid_from": "May" }""",
            "bad_valid_from"
        },
        { """{ "subject_kind": "yacht", "subject_id": "x", "scheme": "abc", "level": true }""", "malformed_row" },
        { """{ "subject_kind": "yacht", "subject_id": {}, "scheme": "abc", "level": "A" }""", "malformed_row" },
        { """{ "subject_kind": "yacht", "subject_id": "x", "subject_id": "y", "scheme": "abc", "level": "A" }""",
            "malformed_row" },
        { "\"yacht,x,abc,A\"", "malformed_row" },
        { "[]", "malformed_row" },
        { """{ "subject_kind": "yacht", "subject_id": "HP-001", "scheme": "abc", "level": "B" }""", "duplicate_row" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void ParseJson_bad_row_yields_its_code_and_row_number(string row, string code)
    {
        var text = $$"""
            [
              { "subject_kind": "yacht", "subject_id": "HP-001", "scheme": "abc", "level": "A" },
              {{row}},
              { "subject_kind": "yacht", "subject_id": "HP-002", "scheme": "abc", "level": "A" }
            ]
            """;

        var result = Import.ParseJson(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal((code, 2, (int?)null), (error.Code, error.Row, error.Line));
        Assert.Equal([1, 3], result.Assignments.Select(a => a.Row));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[{\"subject_kind\": \"yacht\"")]
    [InlineData("{\"rows\": []}")]
    [InlineData("\"a string\"")]
    public void ParseJson_that_is_not_an_array_refuses_the_document(string text)
    {
        var result = Import.ParseJson(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("malformed_document", 0), (error.Code, error.Row));
        Assert.Empty(result.Assignments);
    }

    [Fact]
    public void ParseJson_empty_array_is_a_clean_empty_import()
    {
        var result = Import.ParseJson("[]");

        Assert.True(result.IsClean);
        Assert.Equal(0, result.Rows);
    }
}

using GeoCredit.Core.Credit;
using Microsoft.Extensions.Time.Testing;

namespace GeoCredit.Core.Tests.Credit;

public sealed class GradeImportCsvTests
{
    private const string Header = "subject_kind,subject_id,scheme,level,valid_from,source,reason";

    private static readonly DateTimeOffset ImportedAt = new(2025, 5, 20, 9, 30, 0, TimeSpan.FromHours(8));

    private static readonly GradeImport Import = new(GradeScheme.BuiltIn, ImportedAt, "bulk import 2025-05");

    private static string Csv(params string[] rows) => string.Join("\n", [Header, .. rows]);

    [Fact]
    public void ParseCsv_good_rows_become_assignments_in_file_order()
    {
        var result = Import.ParseCsv(Csv(
            "yacht,HP-017,abc,a,2025-05-01T00:00:00+08:00,Huangpu maritime platform,monthly review",
            "Driver,370502198001011234,HAZMAT,Red,2025-05-03T14:20:00Z,Dongying platform,fatigue driving"));

        Assert.True(result.IsClean);
        Assert.Equal(2, result.Rows);
        Assert.Equal(
            [
                new GradeAssignment(1, new SubjectRef(SubjectKind.Yacht, "HP-017"), "abc", "A",
                    new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.FromHours(8)), "Huangpu maritime platform",
                    "monthly review"),
                new GradeAssignment(2, new SubjectRef(SubjectKind.Driver, "370502198001011234"), "hazmat", "red",
                    new DateTimeOffset(2025, 5, 3, 14, 20, 0, TimeSpan.Zero), "Dongying platform", "fatigue driving"),
            ],
            result.Assignments);
    }

    [Fact]
    public void ParseCsv_empty_valid_from_and_source_take_the_import_defaults()
    {
        var result = Import.ParseCsv(Csv("vessel,413000001,anqing,green,,,"));

        var assignment = Assert.Single(result.Assignments);
        Assert.Equal(ImportedAt, assignment.ValidFrom);
        Assert.Equal("bulk import 2025-05", assignment.Source);
        Assert.Equal("", assignment.Reason);
    }

    [Fact]
    public void ParseCsv_columns_may_come_in_any_order_and_optional_ones_may_be_missing()
    {
        var result = Import.ParseCsv("LEVEL,Scheme,subject_id,subject_kind,remarks\r\nC,abc,HP-009,yacht,ignored\r\n");

        var assignment = Assert.Single(result.Assignments);
        Assert.Equal((new SubjectRef(SubjectKind.Yacht, "HP-009"), "C"), (assignment.Subject, assignment.Level));
    }

    [Fact]
    public void ParseCsv_quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var result = Import.ParseCsv(Csv(
            "company,\"Anqing Shipping Co., Ltd.\",anqing,yellow,,"
                + "\"platform \"\"A\"\"\",\"late, twice\nand once more\"",
            "vessel,413000002,anqing,blue,,,"));

        Assert.True(result.IsClean, string.Join("; ", result.Errors));
        var first = result.Assignments[0];
        Assert.Equal("Anqing Shipping Co., Ltd.", first.Subject.Id);
        Assert.Equal("platform \"A\"", first.Source);
        Assert.Equal("late, twice\nand once more", first.Reason);
        Assert.Equal(2, result.Assignments[1].Row);
    }

    [Fact]
    public void ParseCsv_byte_order_mark_blank_lines_and_spaces_are_tolerated()
    {
        var result = Import.ParseCsv("\uFEFF\n" + Header + "\n\n  yacht , HP-001 , abc , B ,  , , \n   \n");

        var assignment = Assert.Single(result.Assignments);
        Assert.Equal(("HP-001", "B", 1), (assignment.Subject.Id, assignment.Level, assignment.Row));
    }

    public static TheoryData<string, string> BadRows => new()
    {
        { "truck,鲁E12345,hazmat,red,,,", "unknown_subject_kind" },
        { ",鲁E12345,hazmat,red,,,", "unknown_subject_kind" },
        { "vehicle,,hazmat,red,,,", "missing_subject_id" },
        { "vehicle,  ,hazmat,red,,,", "missing_subject_id" },
        { "vehicle,鲁E12345,colour,red,,,", "unknown_scheme" },
        { "vehicle,鲁E12345,hazmat,blue,,,", "unknown_level" },
        { "vehicle,鲁E12345,hazmat,,,,", "unknown_level" },
        { "vehicle,鲁E12345,hazmat,red,2025-05-01,,", "bad_valid_from" },
        { "vehicle,鲁E12345,hazmat,red,2025-05-01T08:00:00,,", "bad_valid_from" },
        { "vehicle,鲁E12345,hazmat,red,yesterday,,", "bad_valid_from" },
        { "vehicle,鲁E12345,hazmat,red,1999-12-31T00:00:00+08:00,,", "bad_valid_from" },
        { "vehicle,鲁E12345,hazmat,red,2027-01-01T00:00:00+08:00,,", "bad_valid_from" },
        { "vehicle,鲁E12345,hazmat,red,2025-02-30T00:00:00+08:00,,", "bad_valid_from" },
        { "vehicle,鲁E12345,hazmat,red,,", "malformed_row" },
        { "vehicle,鲁E12345,hazmat,red,,,,", "malformed_row" },
        { "vehicle,\"鲁E12345\"x,hazmat,red,,,", "malformed_row" },
        { "vehicle,鲁E\"12345,hazmat,red,,,", "malformed_row" },
        { "vehicle," + new string('9', 65) + ",hazmat,red,,,", "malformed_row" },
        { "vehicle,鲁E12345,hazmat,red,,," + new string('x', 501), "malformed_row" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void ParseCsv_bad_row_yields_its_code_and_the_good_rows_around_it_survive(string row, string code)
    {
        var result = Import.ParseCsv(Csv("yacht,HP-001,abc,A,,,", row, "yacht,HP-002,abc,B,,,"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((code, 2, 3), (error.Code, error.Row, error.Line));
        Assert.NotEmpty(error.Message);
        Assert.Equal([1, 3], result.Assignments.Select(a => a.Row));
        Assert.Equal(3, result.Rows);
    }

    [Fact]
    public void ParseCsv_duplicate_row_keeps_the_first()
    {
        var result = Import.ParseCsv(Csv(
            "vehicle,鲁E12345,hazmat,red,2025-05-01T08:00:00+08:00,,",
            "vehicle,鲁E12345,hazmat,yellow,2025-05-01T00:00:00Z,,",
            "vehicle,鲁E12345,hazmat,green,2025-05-02T00:00:00Z,,"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("duplicate_row", 2), (error.Code, error.Row));
        Assert.Equal(["red", "green"], result.Assignments.Select(a => a.Level));
    }

    [Fact]
    public void ParseCsv_rows_without_valid_from_for_one_subject_and_scheme_are_duplicates()
    {
        var result = Import.ParseCsv(Csv("yacht,HP-001,abc,A,,,", "yacht,HP-001,abc,B,,,", "yacht,HP-001,aaa,B,,,"));

        Assert.Equal(["duplicate_row"], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void ParseCsv_unclosed_quote_costs_one_row_and_reading_goes_on_at_the_next_line()
    {
        var result = Import.ParseCsv(Csv(
            "yacht,HP-001,abc,A,,,\"never closed",
            "yacht,HP-002,abc,B,,,",
            "yacht,HP-003,abc,C,,,"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("malformed_row", 1, 2), (error.Code, error.Row, error.Line));
        Assert.Equal(["HP-002", "HP-003"], result.Assignments.Select(a => a.Subject.Id));
        Assert.Equal([2, 3], result.Assignments.Select(a => a.Row));
    }

    [Fact]
    public void ParseCsv_line_numbers_count_line_breaks_inside_quotes()
    {
        var result = Import.ParseCsv(Csv("yacht,HP-001,abc,A,,,\"two\nlines\"", "yacht,HP-002,abc,Z,,,"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 4), (error.Row, error.Line));
    }

    [Theory]
    [InlineData("2025-05-01T08:00+08:00")]
    [InlineData("2025-05-01T08:00:00.123+08:00")]
    [InlineData("2025-05-01 08:00:00+08:00")]
    [InlineData("2025-05-01T00:00:00z")]
    public void ParseCsv_valid_from_reads_iso_8601_forms_with_an_offset(string validFrom)
    {
        var result = Import.ParseCsv(Csv($"yacht,HP-001,abc,A,{validFrom},,"));

        var assignment = Assert.Single(result.Assignments);
        var expected = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.InRange(assignment.ValidFrom - expected, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("subject_kind,subject_id,scheme\nyacht,HP-001,abc")]
    [InlineData("subject_kind,subject_id,scheme,level,level\nyacht,HP-001,abc,A,A")]
    [InlineData("\"subject_kind,subject_id,scheme,level")]
    public void ParseCsv_without_a_usable_header_refuses_the_document(string text)
    {
        var result = Import.ParseCsv(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("malformed_document", 0), (error.Code, error.Row));
        Assert.Empty(result.Assignments);
    }

    [Fact]
    public void ParseCsv_with_a_custom_scheme_reads_its_levels()
    {
        var stars = GradeScheme.Create("club-stars", "Club stars", ["5", "4", "3", "2", "1"]);
        var import = new GradeImport([.. GradeScheme.BuiltIn, stars], ImportedAt, "bulk import");

        var result = import.ParseCsv(Csv("club,huangpu-club-1,club-stars,4,,,"));

        Assert.Equal("4", Assert.Single(result.Assignments).Level);
    }

    [Fact]
    public void ParseCsv_assignments_apply_to_the_registry()
    {
        var registry = new CreditRegistry(new FakeTimeProvider(ImportedAt));
        var import = new GradeImport(registry.Schemes, ImportedAt, "bulk import 2025-05");
        var result = import.ParseCsv(Csv(
            "yacht,HP-017,abc,A,2025-05-01T00:00:00+08:00,,",
            "yacht,HP-017,abc,C,2025-05-10T00:00:00+08:00,,serious violation"));

        var changes = registry.Apply(result.Assignments);

        Assert.Equal([GradeChangeKind.Assigned, GradeChangeKind.Downgraded], changes.Select(c => c.Kind));
        Assert.Equal("C", registry.Current(new SubjectRef(SubjectKind.Yacht, "HP-017"), "abc")?.Level);
    }

    [Fact]
    public void Every_import_problem_has_a_snake_case_code()
    {
        Assert.Equal(
            [
                "malformed_document", "malformed_row", "unknown_subject_kind", "missing_subject_id", "unknown_scheme",
                "unknown_level", "bad_valid_from", "duplicate_row",
            ],
            GradeImportProblems.All.Select(p => p.ToCode()));
    }
}

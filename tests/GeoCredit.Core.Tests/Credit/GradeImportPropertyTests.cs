using System.Text;
using GeoCredit.Core.Credit;

namespace GeoCredit.Core.Tests.Credit;

/// <summary>
/// Random damage to good CSV, from fixed seeds: whatever comes in, the import answers and never throws.
/// </summary>
public sealed class GradeImportPropertyTests
{
    private const string Header = "subject_kind,subject_id,scheme,level,valid_from,source,reason";

    private static readonly DateTimeOffset ImportedAt = new(2025, 5, 20, 9, 30, 0, TimeSpan.FromHours(8));

    private static readonly GradeImport Import = new(GradeScheme.BuiltIn, ImportedAt, "bulk import");

    private static readonly string[] GoodRows =
    [
        "yacht,HP-017,abc,A,2025-05-01T00:00:00+08:00,Huangpu maritime platform,monthly review",
        "vehicle,鲁E12345,hazmat,red,2025-05-03T14:20:00Z,Dongying platform,\"speeding, twice\"",
        "company,\"Anqing Shipping Co., Ltd.\",anqing,yellow,,,\"said \"\"late\"\"\"",
        "terminal,guanhe-3,terminal,blue,2025-04-30T16:00:00Z,Lianyungang,",
        "vessel,413000001,supervision,listed,,Jiangsu list,\"line one\nline two\"",
    ];

    private static readonly string Alphabet = ",\"\r\n \tZz+-:T0123456789abcABC鲁\0\uFEFF";

    private static readonly HashSet<string> KnownCodes = [.. GradeImportProblems.All.Select(p => p.ToCode())];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ParseCsv_of_randomly_mutated_rows_never_throws_and_every_error_has_a_code(int seed)
    {
        var random = new Random(seed);
        var codesSeen = new HashSet<string>();

        for (var round = 0; round < 400; round++)
        {
            var text = MutatedFile(random);

            var result = Import.ParseCsv(text);

            codesSeen.UnionWith(result.Errors.Select(error => error.Code));

            Assert.All(result.Errors, error =>
            {
                Assert.Contains(error.Code, KnownCodes);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.InRange(error.Row, 0, result.Rows);
            });
            if (result.Errors.Any(error => error.Row == 0))
            {
                Assert.Single(result.Errors);
                Assert.Empty(result.Assignments);
                continue;
            }

            Assert.Equal(result.Rows, result.Assignments.Count + result.Errors.Count);
            Assert.Equal(result.Rows, result.Assignments.Select(a => a.Row).Concat(result.Errors.Select(e => e.Row))
                .Distinct().Count());
            Assert.All(result.Assignments, assignment =>
            {
                var scheme = GradeScheme.BuiltIn.Single(s => s.Id == assignment.SchemeId);
                Assert.Contains(assignment.Level, scheme.Levels);
                Assert.False(string.IsNullOrWhiteSpace(assignment.Subject.Id));
            });
        }

        // The mutations must reach past the CSV layer into the field checks, or the test proves little.
        Assert.True(codesSeen.Count >= 4, string.Join(", ", codesSeen));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void ParseJson_of_randomly_mutated_documents_never_throws_and_every_error_has_a_code(int seed)
    {
        var random = new Random(seed);
        var json = """
            [{"subject_kind":"yacht","subject_id":"HP-017","scheme":"abc","level":"A","valid_from":"2025-05-01T00:00Z"},
             {"subject_kind":"vehicle","subject_id":12345,"scheme":"hazmat","level":"red","reason":"late, twice"}]
            """;

        for (var round = 0; round < 400; round++)
        {
            var result = Import.ParseJson(Mutate(random, json, random.Next(1, 6)));

            Assert.All(result.Errors, error => Assert.Contains(error.Code, KnownCodes));
        }
    }

    private static string MutatedFile(Random random)
    {
        var rows = Enumerable.Range(0, random.Next(1, 8))
            .Select(_ => GoodRows[random.Next(GoodRows.Length)])
            .Select(row => random.Next(3) == 0 ? row : Mutate(random, row, random.Next(1, 5)));
        var header = random.Next(20) == 0 ? Mutate(random, Header, 1) : Header;
        return string.Join(random.Next(2) == 0 ? "\n" : "\r\n", rows.Prepend(header));
    }

    private static string Mutate(Random random, string text, int mutations)
    {
        var builder = new StringBuilder(text);
        for (var i = 0; i < mutations; i++)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(4))
            {
                case 0:
                    builder.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 1 when at < builder.Length:
                    builder.Remove(at, Math.Min(random.Next(1, 6), builder.Length - at));
                    break;
                case 2 when at < builder.Length:
                    builder[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                default:
                    builder.Insert(at, new string('"', random.Next(1, 4)));
                    break;
            }
        }

        return builder.ToString();
    }
}

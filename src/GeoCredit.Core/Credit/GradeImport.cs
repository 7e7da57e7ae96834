using System.Globalization;
using System.Text.Json;

namespace GeoCredit.Core.Credit;

/// <summary>
/// Reads a bulk grade file from a credit platform, as CSV or as JSON, and checks it row by row: every good row
/// becomes a <see cref="GradeAssignment"/>, every bad row an error with its row number and a reason code, and a
/// bad row never stops the rest. Nothing the file holds makes it throw. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// CSV has a header row naming the columns <c>subject_kind,subject_id,scheme,level,valid_from,source,reason</c>,
/// in any order and any case; the first four are required, columns it does not know are ignored. JSON is an
/// array of objects with the same names as properties. <c>valid_from</c> is ISO 8601 with an offset
/// (<c>2025-05-01T00:00:00+08:00</c>, <c>2025-05-01T00:00Z</c>); empty, it is the import time. An empty
/// <c>source</c> is the import's default source.
/// </para>
/// <para>
/// A valid-from time before 2000 or more than a year after the import is refused as a typo. Two rows that
/// grade the same subject in the same scheme from the same time are ambiguous: the first is kept.
/// </para>
/// </remarks>
public sealed class GradeImport
{
    /// <summary>The longest source or reason accepted, in characters.</summary>
    public const int MaxTextLength = 500;

    private static readonly DateTimeOffset EarliestValidFrom = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(366);

    private static readonly string[] ValidFromFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:sszzz",
        "yyyy-MM-dd HH:mmzzz",
    ];

    private static readonly string KnownSubjectKinds = string.Join(", ", SubjectKinds.All.Select(k => k.ToWire()));

    private static readonly string[] ColumnNames =
        ["subject_kind", "subject_id", "scheme", "level", "valid_from", "source", "reason"];

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private readonly Dictionary<string, GradeScheme> _schemes;
    private readonly DateTimeOffset _importedAt;
    private readonly string _defaultSource;

    /// <param name="schemes">The schemes rows may name (<see cref="CreditRegistry.Schemes"/>).</param>
    /// <param name="importedAt">The import time: the valid-from of rows that give none.</param>
    /// <param name="defaultSource">The source of rows that give none, e.g. <c>bulk import 2025-05</c>.</param>
    public GradeImport(IEnumerable<GradeScheme> schemes, DateTimeOffset importedAt, string defaultSource)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultSource);

        _schemes = new Dictionary<string, GradeScheme>(StringComparer.OrdinalIgnoreCase);
        foreach (var scheme in schemes)
        {
            _schemes[scheme.Id] = scheme;
        }

        _importedAt = importedAt;
        _defaultSource = defaultSource;
    }

    private enum Column
    {
        SubjectKind,
        SubjectId,
        Scheme,
        Level,
        ValidFrom,
        Source,
        Reason,
    }

    public GradeImportResult ParseCsv(string? text)
    {
        var cursor = new CsvCursor(text ?? string.Empty);
        var fields = new List<string>();
        var batch = new Batch();

        // The header is the first line that is not blank.
        int headerLine;
        CsvFault fault;
        do
        {
            if (!cursor.TryRead(fields, out headerLine, out fault))
            {
                return batch.RefuseDocument(null, "The file is empty: no header row.");
            }
        }
        while (fault == CsvFault.None && cursor.IsBlank(fields));

        if (fault != CsvFault.None)
        {
            return batch.RefuseDocument(headerLine, $"The header row cannot be read: {Describe(fault)}.");
        }

        if (!TryMapHeader(fields, out var columnAt, out var headerProblem))
        {
            return batch.RefuseDocument(headerLine, headerProblem);
        }

        var headerCount = fields.Count;
        var values = new string?[ColumnNames.Length];
        while (cursor.TryRead(fields, out var line, out fault))
        {
            if (fault == CsvFault.None && cursor.IsBlank(fields))
            {
                continue;
            }

            var row = batch.Rows + 1;
            if (fault != CsvFault.None)
            {
                batch.Refuse(row, line, GradeImportProblem.MalformedRow, $"The row cannot be read: {Describe(fault)}.");
                continue;
            }

            if (fields.Count != headerCount)
            {
                batch.Refuse(row, line, GradeImportProblem.MalformedRow,
                    $"The row has {fields.Count} fields; the header has {headerCount}.");
                continue;
            }

            for (var column = 0; column < values.Length; column++)
            {
                values[column] = columnAt[column] >= 0 ? fields[columnAt[column]] : null;
            }

            ReadRow(batch, row, line, values);
        }

        return batch.Result();
    }

    public GradeImportResult ParseJson(string? text)
    {
        var batch = new Batch();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text ?? string.Empty, JsonOptions);
        }
        catch (JsonException exception)
        {
            return batch.RefuseDocument(null, $"Not JSON: {exception.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return batch.RefuseDocument(null,
                    $"The document is a JSON {document.RootElement.ValueKind}, not an array of rows.");
            }

            var values = new string?[ColumnNames.Length];
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var row = batch.Rows + 1;
                if (TryReadJsonRow(element, values, out var problem))
                {
                    ReadRow(batch, row, null, values);
                }
                else
                {
                    batch.Refuse(row, null, GradeImportProblem.MalformedRow, problem);
                }
            }
        }

        return batch.Result();
    }

    private void ReadRow(Batch batch, int row, int? line, string?[] values)
    {
        var kindText = Value(values, Column.SubjectKind);
        if (!SubjectKinds.TryParse(kindText, out var kind))
        {
            batch.Refuse(row, line, GradeImportProblem.UnknownSubjectKind,
                $"'{Show(kindText)}' is not a subject kind ({KnownSubjectKinds}).");
            return;
        }

        var id = Value(values, Column.SubjectId);
        if (id.Length == 0)
        {
            batch.Refuse(row, line, GradeImportProblem.MissingSubjectId, "The subject id is empty.");
            return;
        }

        if (id.Length > SubjectRef.MaxIdLength || id.Any(char.IsControl))
        {
            batch.Refuse(row, line, GradeImportProblem.MalformedRow,
                $"The subject id '{Show(id)}' is over {SubjectRef.MaxIdLength} characters or has control characters.");
            return;
        }

        var schemeText = Value(values, Column.Scheme);
        if (!_schemes.TryGetValue(schemeText, out var scheme))
        {
            batch.Refuse(row, line, GradeImportProblem.UnknownScheme, $"'{Show(schemeText)}' is not a grade scheme.");
            return;
        }

        var levelText = Value(values, Column.Level);
        if (!scheme.TryParseLevel(levelText, out var level))
        {
            batch.Refuse(row, line, GradeImportProblem.UnknownLevel,
                $"'{Show(levelText)}' is not a level of '{scheme.Id}' ({string.Join(", ", scheme.Levels)}).");
            return;
        }

        var validFromText = Value(values, Column.ValidFrom);
        if (!TryParseValidFrom(validFromText, out var validFrom))
        {
            batch.Refuse(row, line, GradeImportProblem.BadValidFrom,
                $"'{Show(validFromText)}' is not an ISO 8601 time with an offset between 2000 and a year from now.");
            return;
        }

        var source = Value(values, Column.Source);
        var reason = Value(values, Column.Reason);
        if (source.Length > MaxTextLength || reason.Length > MaxTextLength)
        {
            batch.Refuse(row, line, GradeImportProblem.MalformedRow,
                $"The source or reason is longer than {MaxTextLength} characters.");
            return;
        }

        var subject = new SubjectRef(kind, id);
        if (!batch.Seen.Add((subject, scheme.Id, validFrom)))
        {
            batch.Refuse(row, line, GradeImportProblem.DuplicateRow,
                $"An earlier row already grades {subject} in '{scheme.Id}' from {validFrom:O}.");
            return;
        }

        batch.Accept(new GradeAssignment(row, subject, scheme.Id, level, validFrom,
            source.Length == 0 ? _defaultSource : source, reason));
    }

    private bool TryParseValidFrom(string text, out DateTimeOffset validFrom)
    {
        if (text.Length == 0)
        {
            validFrom = _importedAt;
            return true;
        }

        // "zzz" reads +08:00 but not Z, which ISO 8601 also allows for UTC.
        var normalised = text.EndsWith('Z') || text.EndsWith('z')
            ? string.Concat(text.AsSpan(0, text.Length - 1), "+00:00")
            : text;
        return DateTimeOffset.TryParseExact(normalised, ValidFromFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.None, out validFrom)
            && validFrom >= EarliestValidFrom
            && validFrom <= _importedAt + MaxLeadTime;
    }

    private static bool TryMapHeader(List<string> fields, out int[] columnAt, out string problem)
    {
        columnAt = [.. Enumerable.Repeat(-1, ColumnNames.Length)];
        for (var i = 0; i < fields.Count; i++)
        {
            var column = Array.FindIndex(ColumnNames,
                name => string.Equals(name, fields[i].Trim(), StringComparison.OrdinalIgnoreCase));
            if (column < 0)
            {
                continue;
            }

            if (columnAt[column] >= 0)
            {
                problem = $"The header names column '{ColumnNames[column]}' twice.";
                return false;
            }

            columnAt[column] = i;
        }

        var map = columnAt;
        var missing = new[] { Column.SubjectKind, Column.SubjectId, Column.Scheme, Column.Level }
            .Where(column => map[(int)column] < 0)
            .Select(column => ColumnNames[(int)column])
            .ToArray();
        problem = missing.Length == 0
            ? string.Empty
            : $"The header lacks the column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)}.";
        return missing.Length == 0;
    }

    private static bool TryReadJsonRow(JsonElement element, string?[] values, out string problem)
    {
        Array.Clear(values);
        problem = string.Empty;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"The row is a JSON {element.ValueKind}, not an object.";
            return false;
        }

        var seen = new bool[ColumnNames.Length];
        foreach (var property in element.EnumerateObject())
        {
            var column = Array.FindIndex(ColumnNames,
                name => string.Equals(name, property.Name, StringComparison.OrdinalIgnoreCase));
            if (column < 0)
            {
                continue;
            }

            if (seen[column])
            {
                problem = $"The row has property '{ColumnNames[column]}' twice.";
                return false;
            }

            seen[column] = true;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    values[column] = property.Value.GetString();
                    break;
                case JsonValueKind.Number:
                    // An MMSI or a numeric level exported as a number reads as the digits written.
                    values[column] = property.Value.GetRawText();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    problem = $"Property '{ColumnNames[column]}' is a JSON {property.Value.ValueKind}, not a string.";
                    return false;
            }
        }

        return true;
    }

    private static string Value(string?[] values, Column column) => values[(int)column]?.Trim() ?? string.Empty;

    /// <summary>Quotes a value in a message without letting a huge one through.</summary>
    private static string Show(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    private static string Describe(CsvFault fault) => fault switch
    {
        CsvFault.UnterminatedQuote => "a quoted field is never closed",
        CsvFault.TextAfterQuote => "text follows the closing quote of a field",
        CsvFault.QuoteInUnquotedField => "a quote appears inside an unquoted field",
        _ => fault.ToString(),
    };

    /// <summary>What one parse has collected so far.</summary>
    private sealed class Batch
    {
        private readonly List<GradeAssignment> _assignments = [];
        private readonly List<GradeImportError> _errors = [];

        public HashSet<(SubjectRef Subject, string SchemeId, DateTimeOffset ValidFrom)> Seen { get; } = [];

        public int Rows { get; private set; }

        public void Accept(GradeAssignment assignment)
        {
            Rows++;
            _assignments.Add(assignment);
        }

        public void Refuse(int row, int? line, GradeImportProblem problem, string message)
        {
            Rows++;
            _errors.Add(new GradeImportError(row, line, problem, message));
        }

        /// <summary>Refuses the file as a whole, as row 0, and returns the result.</summary>
        public GradeImportResult RefuseDocument(int? line, string message)
        {
            _errors.Add(new GradeImportError(0, line, GradeImportProblem.MalformedDocument, message));
            return Result();
        }

        public GradeImportResult Result() => new(_assignments.ToArray(), _errors.ToArray(), Rows);
    }
}

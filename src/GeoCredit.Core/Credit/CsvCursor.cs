using System.Text;

namespace GeoCredit.Core.Credit;

/// <summary>What is wrong with a CSV record that cannot be split into fields.</summary>
internal enum CsvFault
{
    None,
    UnterminatedQuote,
    TextAfterQuote,
    QuoteInUnquotedField,
}

/// <summary>
/// Reads CSV records one at a time as RFC 4180 describes them: fields split by commas, a field in double
/// quotes may hold commas, line breaks and doubled quotes (<c>""</c>). Unquoted fields are trimmed. Lines may end
/// in LF, CRLF or CR. A broken record is reported and skipped, and reading goes on at the next line, so one bad
/// quote costs one row and not the rest of the file. Not thread-safe; one cursor per file.
/// </summary>
internal sealed class CsvCursor
{
    private readonly string _text;
    private readonly StringBuilder _field = new();
    private int _position;
    private int _line = 1;
    private bool _quoted;

    public CsvCursor(string text)
    {
        _text = text;

        // Spreadsheet programs start UTF-8 files with a byte-order mark.
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _position = 1;
        }
    }

    /// <summary>Reads the next record into <paramref name="fields"/>.</summary>
    /// <param name="fields">Cleared, then filled with the record's fields (partly, when it is broken).</param>
    /// <param name="line">The line the record starts on.</param>
    /// <param name="fault">Why the record could not be read; <see cref="CsvFault.None"/> when it could.</param>
    /// <returns>False at the end of the text.</returns>
    public bool TryRead(List<string> fields, out int line, out CsvFault fault)
    {
        fields.Clear();
        _quoted = false;
        line = _line;
        fault = CsvFault.None;
        if (_position >= _text.Length)
        {
            return false;
        }

        var start = _position;
        while (true)
        {
            SkipBlanks();
            fault = _position < _text.Length && _text[_position] == '"' ? ReadQuoted(fields) : ReadUnquoted(fields);
            if (fault != CsvFault.None)
            {
                Resynchronise(start, line, fault);
                return true;
            }

            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
                continue;
            }

            EndLine();
            return true;
        }
    }

    /// <summary>
    /// Whether the record just read is an empty line (or only white space), which is skipped; a line holding
    /// only <c>""</c> is a row with one empty field.
    /// </summary>
    public bool IsBlank(List<string> fields) => !_quoted && fields is [""];

    private CsvFault ReadQuoted(List<string> fields)
    {
        _field.Clear();
        _quoted = true;
        _position++;
        while (true)
        {
            if (_position >= _text.Length)
            {
                return CsvFault.UnterminatedQuote;
            }

            var c = _text[_position];
            if (c == '"')
            {
                if (_position + 1 < _text.Length && _text[_position + 1] == '"')
                {
                    _field.Append('"');
                    _position += 2;
                    continue;
                }

                _position++;
                break;
            }

            if (c == '\n')
            {
                _line++;
            }

            _field.Append(c);
            _position++;
        }

        SkipBlanks();
        if (_position < _text.Length && _text[_position] is not (',' or '\r' or '\n'))
        {
            return CsvFault.TextAfterQuote;
        }

        fields.Add(_field.ToString());
        return CsvFault.None;
    }

    private CsvFault ReadUnquoted(List<string> fields)
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] is not (',' or '\r' or '\n'))
        {
            if (_text[_position] == '"')
            {
                return CsvFault.QuoteInUnquotedField;
            }

            _position++;
        }

        fields.Add(_text.AsSpan(start, _position - start).Trim(" \t").ToString());
        return CsvFault.None;
    }

    /// <summary>
    /// After a broken record, goes on at the line after the fault; when a quote never closed, at the line after
    /// the record's start, since the rest of the file was read as one field.
    /// </summary>
    private void Resynchronise(int recordStart, int recordLine, CsvFault fault)
    {
        if (fault == CsvFault.UnterminatedQuote)
        {
            _position = recordStart;
            _line = recordLine;
        }

        while (_position < _text.Length && _text[_position] is not ('\r' or '\n'))
        {
            _position++;
        }

        EndLine();
    }

    private void EndLine()
    {
        if (_position >= _text.Length)
        {
            return;
        }

        if (_text[_position] == '\r' && _position + 1 < _text.Length && _text[_position + 1] == '\n')
        {
            _position++;
        }

        _position++;
        _line++;
    }

    private void SkipBlanks()
    {
        while (_position < _text.Length && _text[_position] is (' ' or '\t'))
        {
            _position++;
        }
    }

}

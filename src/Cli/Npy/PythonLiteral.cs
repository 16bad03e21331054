using System.Globalization;
using System.Numerics;
using System.Text;

namespace GpuLm.Cli.Npy;

/// <summary>
/// Parses the subset of Python literals a .npy header uses: dicts, tuples, lists, strings, integers,
/// <c>True</c>, <c>False</c> and <c>None</c>.
/// </summary>
/// <remarks>
/// The counterpart of NumPy's <c>numpy.lib.format.safe_eval</c> (<c>ast.literal_eval</c>). Values come back as
/// <see cref="Dictionary{TKey, TValue}"/> (string keys, insertion order kept), <see cref="PythonTuple"/>,
/// <see cref="PythonList"/>, <see cref="string"/>, <see cref="BigInteger"/>, <see cref="bool"/> and
/// <see langword="null"/> for <c>None</c>. Integers may carry Python 2's trailing <c>L</c>, as old headers do.
/// </remarks>
internal static class PythonLiteral
{
    /// <summary>A Python tuple.</summary>
    /// <param name="Items">The elements.</param>
    public sealed record PythonTuple(IReadOnlyList<object?> Items);

    /// <summary>A Python list.</summary>
    /// <param name="Items">The elements.</param>
    public sealed record PythonList(IReadOnlyList<object?> Items);

    /// <summary>Parses <paramref name="text"/>, which must hold exactly one literal and whitespace around it.</summary>
    /// <param name="text">The literal.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a literal of the supported subset; the message says where.</exception>
    public static object? Parse(string text)
    {
        Parser parser = new(text);
        object? value = parser.ParseValue();
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected text after the literal");
        }

        return value;
    }

    /// <summary>Writes <paramref name="value"/> as Python's repr would, for error messages.</summary>
    /// <param name="value">A value <see cref="Parse"/> returned.</param>
    /// <returns>The Python spelling.</returns>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        BigInteger i => i.ToString(CultureInfo.InvariantCulture),
        PythonTuple t => t.Items.Count == 1 ? "(" + Repr(t.Items[0]) + ",)" : "(" + string.Join(", ", t.Items.Select(Repr)) + ")",
        PythonList l => "[" + string.Join(", ", l.Items.Select(Repr)) + "]",
        Dictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => Repr(kv.Key) + ": " + Repr(kv.Value))) + "}",
        _ => value.ToString() ?? string.Empty,
    };

    private sealed class Parser(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public FormatException Error(string what) =>
            new($"{what} at character {_position + 1}");

        public void SkipWhitespace()
        {
            while (!AtEnd && text[_position] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
            {
                _position++;
            }
        }

        public object? ParseValue()
        {
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("unexpected end of text");
            }

            char c = text[_position];
            switch (c)
            {
                case '{':
                    return ParseDict();
                case '(':
                    return ParseTuple();
                case '[':
                    _position++;
                    return new PythonList(ParseItems(']', out _));
                case '\'' or '"':
                    return ParseString();
                case '-' or '+' or (>= '0' and <= '9'):
                    return ParseInteger();
                default:
                    break;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                int start = _position;
                while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
                {
                    _position++;
                }

                string name = text[start.._position];
                switch (name)
                {
                    case "True":
                        return true;
                    case "False":
                        return false;
                    case "None":
                        return null;
                    default:
                        _position = start;
                        throw Error($"unexpected name '{name}'");
                }
            }

            throw Error($"unexpected character '{c}'");
        }

        private Dictionary<string, object?> ParseDict()
        {
            _position++;
            Dictionary<string, object?> dict = new(StringComparer.Ordinal);
            while (true)
            {
                SkipWhitespace();
                if (Consume('}'))
                {
                    return dict;
                }

                int keyStart = _position;
                if (ParseValue() is not string key)
                {
                    _position = keyStart;
                    throw Error("dict key is not a string");
                }

                if (dict.ContainsKey(key))
                {
                    _position = keyStart;
                    throw Error($"duplicate key '{key}'");
                }

                SkipWhitespace();
                if (!Consume(':'))
                {
                    throw Error("expected ':' after a dict key");
                }

                dict.Add(key, ParseValue());
                SkipWhitespace();
                if (!Consume(','))
                {
                    SkipWhitespace();
                    if (!Consume('}'))
                    {
                        throw Error("expected ',' or '}' in a dict");
                    }

                    return dict;
                }
            }
        }

        private object? ParseTuple()
        {
            _position++;
            List<object?> items = ParseItems(')', out bool sawComma);

            // "(5)" is the integer 5 in Python; only "()" and a comma make a tuple.
            return items.Count == 1 && !sawComma ? items[0] : new PythonTuple(items);
        }

        private List<object?> ParseItems(char close, out bool sawComma)
        {
            List<object?> items = [];
            sawComma = false;
            while (true)
            {
                SkipWhitespace();
                if (Consume(close))
                {
                    return items;
                }

                items.Add(ParseValue());
                SkipWhitespace();
                if (Consume(','))
                {
                    sawComma = true;
                    continue;
                }

                if (Consume(close))
                {
                    return items;
                }

                throw Error($"expected ',' or '{close}'");
            }
        }

        private string ParseString()
        {
            char quote = text[_position++];
            StringBuilder value = new();
            while (true)
            {
                if (AtEnd || text[_position] == '\n')
                {
                    throw Error("unterminated string");
                }

                char c = text[_position++];
                if (c == quote)
                {
                    return value.ToString();
                }

                if (c == '\\')
                {
                    if (AtEnd)
                    {
                        throw Error("unterminated string");
                    }

                    c = text[_position++];
                    if (c is not ('\\' or '\'' or '"'))
                    {
                        value.Append('\\');
                    }
                }

                value.Append(c);
            }
        }

        private BigInteger ParseInteger()
        {
            int start = _position;
            if (text[_position] is '-' or '+')
            {
                _position++;
            }

            int digitsStart = _position;
            while (!AtEnd && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }

            if (_position == digitsStart)
            {
                throw Error("expected digits");
            }

            BigInteger value = BigInteger.Parse(text.AsSpan(start, _position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (!AtEnd && text[_position] is 'L' or 'l')
            {
                _position++;
            }

            if (!AtEnd && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '.' or '_'))
            {
                throw Error("expected an integer");
            }

            return value;
        }

        private bool Consume(char c)
        {
            if (!AtEnd && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }
    }
}

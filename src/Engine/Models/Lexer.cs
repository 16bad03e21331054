using System.Globalization;

namespace GpuLm.Models;

/// <summary>The kinds of token in a model expression.</summary>
internal enum TokenKind
{
    /// <summary>A numeric literal such as <c>1.5e-3</c>.</summary>
    Number,

    /// <summary>A name: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    Name,

    /// <summary><c>+</c>.</summary>
    Plus,

    /// <summary><c>-</c>.</summary>
    Minus,

    /// <summary><c>*</c>.</summary>
    Star,

    /// <summary><c>/</c>.</summary>
    Slash,

    /// <summary><c>^</c> or <c>**</c>.</summary>
    Power,

    /// <summary><c>(</c>.</summary>
    LeftParen,

    /// <summary><c>)</c>.</summary>
    RightParen,

    /// <summary><c>,</c>.</summary>
    Comma,

    /// <summary>The end of the text.</summary>
    End,
}

/// <summary>A token: its kind, its text, its 1-based column and, for a number, its value.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Text">The text as written; empty at the end.</param>
/// <param name="Column">The 1-based column of its first character (one past the text at the end).</param>
/// <param name="Value">The value of a number; 0 otherwise.</param>
internal readonly record struct Token(TokenKind Kind, string Text, int Column, double Value);

/// <summary>Splits a model expression into tokens.</summary>
internal static class Lexer
{
    /// <summary>Returns the tokens of <paramref name="expression"/>, ending with <see cref="TokenKind.End"/>.</summary>
    /// <param name="expression">The text.</param>
    /// <exception cref="ModelException">A character that starts no token, or a malformed or
    /// overflowing number.</exception>
    public static List<Token> Tokenize(string expression)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < expression.Length)
        {
            char c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int start = i;
            if (IsDigit(c) || c == '.')
            {
                tokens.Add(ReadNumber(expression, ref i));
                continue;
            }

            if (IsNameStart(c))
            {
                while (i < expression.Length && IsNamePart(expression[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, expression[start..i], start + 1, 0.0));
                continue;
            }

            TokenKind kind;
            switch (c)
            {
                case '+': kind = TokenKind.Plus; break;
                case '-': kind = TokenKind.Minus; break;
                case '/': kind = TokenKind.Slash; break;
                case '^': kind = TokenKind.Power; break;
                case '(': kind = TokenKind.LeftParen; break;
                case ')': kind = TokenKind.RightParen; break;
                case ',': kind = TokenKind.Comma; break;
                case '*':
                    kind = i + 1 < expression.Length && expression[i + 1] == '*' ? TokenKind.Power : TokenKind.Star;
                    break;
                default:
                    throw new ModelException(
                        $"unexpected character '{c}' at column {start + 1} in \"{expression}\"",
                        "expression", start + 1, c.ToString());
            }

            i += kind == TokenKind.Power && c == '*' ? 2 : 1;
            tokens.Add(new Token(kind, expression[start..i], start + 1, 0.0));
        }

        tokens.Add(new Token(TokenKind.End, "", expression.Length + 1, 0.0));
        return tokens;
    }

    /// <summary>Whether <paramref name="name"/> is a valid name: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    /// <param name="name">The candidate.</param>
    public static bool IsName(string name)
    {
        if (name.Length == 0 || !IsNameStart(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!IsNamePart(c))
            {
                return false;
            }
        }

        return true;
    }

    // A number is digits [. digits] [e [+-] digits] with at least one mantissa digit. The
    // lexeme runs on over anything a number or a name could continue with, so that "1.2.3",
    // "2x" and "1e" are reported whole as malformed numbers rather than split in two.
    private static Token ReadNumber(string expression, ref int i)
    {
        int start = i;
        while (i < expression.Length)
        {
            char c = expression[i];
            bool signOfExponent = (c == '+' || c == '-') && i > start
                && (expression[i - 1] == 'e' || expression[i - 1] == 'E') && IsMantissa(expression, start, i - 1);
            if (!(IsNamePart(c) || c == '.' || signOfExponent))
            {
                break;
            }

            i++;
        }

        string text = expression[start..i];
        if (!IsWellFormedNumber(text))
        {
            throw new ModelException(
                $"malformed number '{text}' at column {start + 1} in \"{expression}\"", "expression", start + 1, text);
        }

        double value = double.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            throw new ModelException(
                $"number '{text}' is too large for a double at column {start + 1} in \"{expression}\"",
                "expression", start + 1, text);
        }

        return new Token(TokenKind.Number, text, start + 1, value);
    }

    // Whether expression[start..end) is digits with at most one '.', and at least one digit.
    private static bool IsMantissa(string expression, int start, int end)
    {
        bool digit = false;
        bool dot = false;
        for (int k = start; k < end; k++)
        {
            char c = expression[k];
            if (IsDigit(c))
            {
                digit = true;
            }
            else if (c == '.' && !dot)
            {
                dot = true;
            }
            else
            {
                return false;
            }
        }

        return digit;
    }

    private static bool IsWellFormedNumber(string text)
    {
        int e = text.IndexOfAny(['e', 'E']);
        int mantissaEnd = e < 0 ? text.Length : e;
        if (!IsMantissa(text, 0, mantissaEnd))
        {
            return false;
        }

        if (e < 0)
        {
            return true;
        }

        int k = e + 1;
        if (k < text.Length && (text[k] == '+' || text[k] == '-'))
        {
            k++;
        }

        if (k == text.Length)
        {
            return false;
        }

        for (; k < text.Length; k++)
        {
            if (!IsDigit(text[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsNameStart(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_';

    private static bool IsNamePart(char c) => IsNameStart(c) || IsDigit(c);
}

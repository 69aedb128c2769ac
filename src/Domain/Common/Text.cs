using System.Text;

namespace Workflows.Domain.Common;

/// <summary>Which rule a text field follows.</summary>
public enum TextKind
{
    /// <summary>Names, titles, labels, ids, addresses: no control, line-break or bidi-control characters.</summary>
    SingleLine,

    /// <summary>Descriptions, prompts, conditions: no C0 control characters except tab, CR and LF.</summary>
    MultiLine,
}

/// <summary>
/// The service's one definition of acceptable text, used by the request validators and the
/// aggregates alike. Text is stored in Unicode NFC; lengths count Unicode code points (scalar
/// values) of that NFC form; names are compared by <see cref="NameKey"/>.
/// </summary>
public static class Text
{
    /// <summary>The unit every length limit counts, as error messages name it.</summary>
    public const string LengthUnit = "characters (Unicode code points)";

    /// <summary>
    /// Why <paramref name="value"/> is not acceptable as <paramref name="kind"/> text, as the end of a
    /// sentence that starts with the field's name ("must not contain …"), or null when it is.
    /// </summary>
    public static string? Violation(string value, TextKind kind)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return "must not contain unpaired surrogates (text that is not valid Unicode)";
            if (kind == TextKind.MultiLine)
            {
                if (c < 0x20 && c is not ('\t' or '\r' or '\n'))
                    return "must not contain control characters other than tab, carriage return and line feed";
                continue;
            }
            if (c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029')
                return "must not contain control characters or line breaks";
            if (IsBidiControl(c)) return "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)";
        }
        return null;
    }

    /// <summary>The NFC form of valid text (<see cref="Violation"/> null): what is stored.</summary>
    public static string Normalize(string value) =>
        value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);

    /// <summary>The length of valid text in the unit of every limit: code points of its NFC form.</summary>
    public static int Length(string value)
    {
        var normalized = Normalize(value);
        var length = normalized.Length;
        for (var i = 0; i < normalized.Length - 1; i++)
        {
            if (char.IsHighSurrogate(normalized[i]) && char.IsLowSurrogate(normalized[i + 1])) length--;
        }
        return length;
    }

    /// <summary>The message for text longer than <paramref name="maxLength"/>.</summary>
    public static string TooLong(string field, int maxLength) => $"'{field}' must be at most {maxLength} {LengthUnit}.";

    /// <summary>
    /// How names are compared: NFKC (fullwidth letters, ligatures and other compatibility forms
    /// become their plain letters; composed and decomposed accents become one), stripped of
    /// default-ignorable code points (zero-width characters, BOM, bidi controls, variation
    /// selectors…), trimmed, upper-cased with the invariant culture's simple case mapping, and
    /// NFKC again. Names whose keys are equal are one name. An empty key means the name has
    /// nothing visible. Computed on writes only; stored beside the name.
    /// </summary>
    public static string NameKey(string name)
    {
        var compatible = name.Normalize(NormalizationForm.FormKC);
        var visible = new StringBuilder(compatible.Length);
        foreach (var rune in compatible.EnumerateRunes())
        {
            if (!IsDefaultIgnorable(rune.Value)) visible.Append(rune.ToString());
        }
        return visible.ToString().Trim().ToUpperInvariant().Normalize(NormalizationForm.FormKC);
    }

    /// <summary>The bidirectional formatting characters a single-line field refuses.</summary>
    public static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt): characters that render as nothing.</summary>
    public static bool IsDefaultIgnorable(int cp) => cp switch
    {
        0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFEFF or 0xFFA0 => true,
        >= 0x180B and <= 0x180F => true,
        >= 0x200B and <= 0x200F => true,
        >= 0x202A and <= 0x202E => true,
        >= 0x2060 and <= 0x206F => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xFFF0 and <= 0xFFF8 => true,
        >= 0x1BCA0 and <= 0x1BCA3 => true,
        >= 0x1D173 and <= 0x1D17A => true,
        >= 0xE0000 and <= 0xE0FFF => true,
        _ => false,
    };
}

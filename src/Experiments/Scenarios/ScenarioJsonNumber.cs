using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>The one conversion of JSON numbers that every numeric read of a scenario goes through.</summary>
internal static class ScenarioJsonNumber
{
    /// <summary>2^53: every whole number up to it is exactly a double.</summary>
    public const double MaxExactInteger = 9007199254740992;

    /// <summary>The whole value of an integer token within <see cref="long"/>, or null (absent, not an integer, or
    /// beyond <see cref="long"/>); reports nothing.</summary>
    public static long? WholeNumber(JToken? token) =>
        token is { Type: JTokenType.Integer } && TryNumber(token, out _, out var whole) ? whole : null;

    /// <summary>The one conversion of a JSON number that every numeric read goes through: the value as a double
    /// (infinite when beyond it) and, for an integer within <see cref="long"/>, the exact whole value.</summary>
    /// <remarks>Newtonsoft keeps an integer beyond <see cref="long"/> (2^63 and up) as a BigInteger, which
    /// <c>Value&lt;long&gt;()</c> and <c>Value&lt;double&gt;()</c> cannot convert (InvalidCastException); here it
    /// becomes a double with no whole value, so that the range checks report it like any other number.</remarks>
    /// <returns>False when the token is not a number.</returns>
    public static bool TryNumber(JToken? token, out double value, out long? whole)
    {
        value = 0;
        whole = null;
        if (token is not JValue { Type: JTokenType.Integer or JTokenType.Float } number || number.Value is null)
        {
            return false;
        }

        switch (number.Value)
        {
            case System.Numerics.BigInteger big:
                value = (double)big;
                return true;
            case ulong unsigned when unsigned > long.MaxValue:
                value = unsigned;
                return true;
            case double or float or decimal:
                value = Convert.ToDouble(number.Value, CultureInfo.InvariantCulture);
                return true;
            default:
                whole = Convert.ToInt64(number.Value, CultureInfo.InvariantCulture);
                value = whole.Value;
                return true;
        }
    }
}

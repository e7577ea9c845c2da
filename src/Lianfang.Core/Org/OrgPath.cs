namespace Lianfang.Core.Org;

/// <summary>
/// Materialized tree path: one 4-character base-36 segment per level ("0001" → "00010003").
/// A subtree is a prefix, so scope checks are string prefixes and an index serves them.
/// </summary>
public static class OrgPath
{
    public const int SegmentLength = 4;
    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static readonly int MaxOrdinal = (int)Math.Pow(36, SegmentLength) - 1;

    public static bool IsAncestorOrSelf(string ancestor, string path) =>
        path.StartsWith(ancestor, StringComparison.Ordinal);

    public static int Depth(string path) => path.Length / SegmentLength;

    /// <summary>The subtree at <paramref name="prefix"/> as a range of paths, lo ≤ path &lt; hi, which an index on Path serves.</summary>
    public static (string Lo, string Hi) SubtreeBounds(string prefix) => (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    /// <summary>The paths of the unit and every unit above it, root first.</summary>
    public static string[] AncestorsOrSelf(string path) =>
        Enumerable.Range(1, Depth(path)).Select(d => path[..(d * SegmentLength)]).ToArray();

    public static string? ParentOf(string path) =>
        path.Length <= SegmentLength ? null : path[..^SegmentLength];

    /// <summary>The path for the next child, given the highest path among existing children (or null).</summary>
    public static string NextChild(string parentPath, string? lastChildPath)
    {
        var ordinal = lastChildPath is null ? 1 : Decode(lastChildPath[^SegmentLength..]) + 1;
        if (ordinal > MaxOrdinal) throw DomainException.Conflict("parentId", "下级机构数量已达上限");
        return parentPath + Encode(ordinal);
    }

    public static string Encode(int ordinal)
    {
        Span<char> buf = stackalloc char[SegmentLength];
        for (var i = SegmentLength - 1; i >= 0; i--) { buf[i] = Digits[ordinal % 36]; ordinal /= 36; }
        return new string(buf);
    }

    public static int Decode(string segment)
    {
        var n = 0;
        foreach (var c in segment) n = n * 36 + Digits.IndexOf(c);
        return n;
    }
}

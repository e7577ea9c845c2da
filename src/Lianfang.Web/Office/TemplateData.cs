namespace Lianfang.Web.Office;

/// <summary>What fills a unit's template: header and signature values by placeholder name, and the repeating row's instances.</summary>
public sealed record TemplateData(IReadOnlyDictionary<string, string> Values, IReadOnlyList<TemplateRowData> Rows);

/// <summary>
/// One instance of the repeating row: values by placeholder name (header names too). A cell holding nothing but one
/// placeholder named in <paramref name="MergeKeys"/> is merged down over the following rows with the same key (the
/// category over its points, a point's cells over its measure lines), its text kept in the first.
/// </summary>
public sealed record TemplateRowData(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> MergeKeys);

/// <summary>A placeholder as found in a template, and where it stands in words a user finds it by ("表格1第2行第3格", "Sheet1!B4").</summary>
public sealed record PlaceholderAt(string Name, string Where, bool InRepeatingRow);

/// <summary>
/// What a template holds: its placeholders; the rows that hold point or measure placeholders (exactly one is valid);
/// the built-in form it was downloaded as (the file's keywords), if any.
/// </summary>
public sealed record TemplateScan(IReadOnlyList<PlaceholderAt> Placeholders, IReadOnlyList<string> RepeatingRows, string? BaseForm);

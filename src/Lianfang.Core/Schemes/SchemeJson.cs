using System.Text.Json;

namespace Lianfang.Core.Schemes;

/// <summary>Reads and writes schemes as JSON; the built-in presets are embedded JSON files.</summary>
public static class SchemeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static Scheme Read(string json) => JsonSerializer.Deserialize<Scheme>(json, Options)
        ?? throw new DomainException("scheme", "方案内容为空");

    public static string Write(Scheme scheme) => JsonSerializer.Serialize(scheme, Options);
}

public static class Presets
{
    public static readonly string[] Codes = ["shaoxing-2018", "shaoxing-health-2018", "lianyun-finance", "longsheng-2012", "sanjiang-2019"];

    private static readonly Lazy<IReadOnlyList<Scheme>> _all = new(() => Codes.Select(Load).ToList());

    public static IReadOnlyList<Scheme> All => _all.Value;

    public static Scheme? Find(string? code) => All.FirstOrDefault(s => s.Code == code);

    private static Scheme Load(string code)
    {
        var asm = typeof(Presets).Assembly;
        using var stream = asm.GetManifestResourceStream($"Lianfang.Core.Schemes.Presets.{code}.json")
            ?? throw new InvalidOperationException($"Preset {code} is not embedded");
        using var reader = new StreamReader(stream);
        return SchemeJson.Read(reader.ReadToEnd()) with { BuiltIn = true };
    }
}

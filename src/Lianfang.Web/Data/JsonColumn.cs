using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Data;

internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Stores a value object or list as JSON text; changes are detected by comparing the JSON.</summary>
    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> p) => p.HasConversion(
        v => JsonSerializer.Serialize(v, Options),
        s => JsonSerializer.Deserialize<T>(s, Options)!,
        new ValueComparer<T>(
            (a, c) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(c, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
}

using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>
/// Mutated Word and Excel lists (bit flips, truncation, swapped zip entries, damaged XML) must end in points, row
/// problems or <see cref="Lianfang.Web.Office.BadFileException"/>: never another exception, never a long parse.
/// </summary>
public class FormFuzzTests(ITestOutputHelper output)
{
    private const int PerSeed = 800;

    private static readonly (string Name, string Scheme, Func<byte[]> Make)[] Seeds =
    [
        ("list.docx", "shaoxing-health-2018", SeedForms.HealthListDocx),
        ("list.xlsx", "shaoxing-health-2018", () => SeedForms.HealthListXlsx()),
        ("unit.docx", "sanjiang-2019", SeedForms.UnitRegistrationReviewedDocx),
        ("post.xlsx", "sanjiang-2019", SeedForms.PostRegistrationReviewedXlsx),
    ];

    [Fact]
    public async Task Mutated_files_never_escape_as_anything_but_a_bad_file_and_parse_quickly()
    {
        var schemes = Seeds.ToDictionary(s => s.Name, s => s.Scheme);
        await OfficeFuzz.RunAsync(Seeds.Select(s => (s.Name, s.Make())), PerSeed, m =>
        {
            var parse = FormCheck.Parse(m.Bytes, m.Name, schemes[m.Name]);
            return Task.FromResult(parse.Issues.Count > 0 ? "issues" : "points");
        }, output);
    }
}

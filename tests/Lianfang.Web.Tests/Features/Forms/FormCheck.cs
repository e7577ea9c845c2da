using Lianfang.Core.Forms;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Forms;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>Parsing a file against a preset, and checking every field of what came out.</summary>
public static class FormCheck
{
    public static Scheme Scheme(string code) => Presets.Find(code)!;

    public static FormParse Parse(byte[] file, string name, string scheme) => ImportRiskList.Parse(name, new MemoryStream(file), Scheme(scheme));

    public static void AssertPoints(IReadOnlyList<Expected> expected, FormParse parse)
    {
        Assert.True(parse.Issues.Count == 0, string.Join("\n", parse.Issues.Select(i => $"{i.Sheet} {i.Message}")));
        Assert.Equal(expected.Count, parse.Points.Count);
        foreach (var (e, p) in expected.Zip(parse.Points))
        {
            var c = p.Content;
            Assert.Equal(e.Description, c.Description);
            Assert.Equal(e.Category, c.CategoryCode);
            Assert.Equal(e.Level, c.LevelCode);
            Assert.Equal(e.Approved, c.ApprovedLevelCode);
            Assert.Equal(e.Measures, c.Measures!.Select(m => m.Text));
            Assert.Equal(e.Basis, c.Supervision!.Basis);
            Assert.Equal(e.Focus, c.Supervision.Focus);
            Assert.Equal(e.Methods, c.Supervision.Methods!);
            Assert.Equal(e.Leader, c.Responsible!.Leader);
            Assert.Equal(e.Department, c.Responsible.Department);
            Assert.Equal(e.Persons, c.Responsible.Persons!);
            Assert.Equal(e.Manifestation, c.Manifestation);
        }
    }
}

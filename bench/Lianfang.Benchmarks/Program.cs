using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Lianfang.Core.Forms;
using Lianfang.Core.Register;
using Lianfang.Core.Reports;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Forms;
using Lianfang.Web.Office;

// `make-import FILE ROWS` writes an importable 防控清单 (.xlsx) of ROWS points for the load script; anything else runs
// the in-process benchmarks (BenchmarkDotNet arguments, e.g. --filter '*Export*').
if (args is ["make-import", var file, var rows])
{
    File.WriteAllBytes(file, Synthetic.ImportFile(int.Parse(rows)));
    return;
}
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithId("short")).WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(Synthetic).Assembly).Run(args, config);

/// <summary>A list of generated points shaped like the data set's, laid out in the scheme's official form.</summary>
public static class Synthetic
{
    public static readonly Scheme Scheme = Presets.Find(Lianfang.Web.Infrastructure.DataSet.DataSetGenerator.SchemeCode)!;

    public static ListFormData List(int points)
    {
        var campaign = new Campaign("2026年度廉洁风险排查", 2026, Scheme, 1, new DateOnly(2026, 6, 30), null, new DateTime(2026, 3, 1, 1, 0, 0, DateTimeKind.Utc));
        var list = new RiskList(campaign, ListScope.Unit, 1, null, null);
        var rng = new Random(7);
        var items = Enumerable.Range(1, points).Select(seq => new RiskPoint(list, seq, Scheme, new RiskPointContent(
            Scheme.Categories[rng.Next(Scheme.Categories.Count)].Code, $"在{Words[rng.Next(Words.Length)]}中存在利用职务之便谋取私利的风险（第{seq}项）",
            "审核把关不严，降低标准", Scheme.Levels[rng.Next(Scheme.Levels.Count)].Code, null, null, [Scheme.ScreeningSources[0]],
            [new ControlMeasure("1．严格执行“三重一大”集体决策制度"), new ControlMeasure("2．建立台账，定期对账核查")],
            new SupervisionPath("《廉洁风险防控实施办法》", "审批环节是否集体研究", [Scheme.SupervisionMethods[0]]),
            new Responsible("陈刚", "财务科", ["王芳"])))).ToList();
        return new ListFormData(list, Scheme, "单位廉洁风险防控清单", "示范市财政局", "示范市纪委监委", false, null, null, null, null, null, null,
            items, [], new DateOnly(2026, 11, 23));
    }

    public static FormDocument Form(int points) => FormBuilder.List(FormCatalog.DefaultFor(Scheme, ListScope.Unit), List(points));

    /// <summary>The export of a list is the import format: a round trip through the official form.</summary>
    public static byte[] ImportFile(int rows) => XlsxWriter.Write(Form(rows));

    private static readonly string[] Words = ["政府采购", "项目审批", "资金拨付", "行政处罚", "工程招投标", "财务报销", "国有资产处置"];
}

[MemoryDiagnoser]
public class ListForms
{
    private FormDocument _form = null!;
    private ListFormData _list = null!;
    private byte[] _import = null!;

    [GlobalSetup]
    public void Setup()
    {
        _list = Synthetic.List(1000);
        _form = Synthetic.Form(1000);
        _import = Synthetic.ImportFile(10_000);
    }

    [Benchmark(Description = "1,000-point list → docx")] public byte[] ExportDocx() => DocxWriter.Write(FormBuilder.List(FormCatalog.DefaultFor(Synthetic.Scheme, ListScope.Unit), _list));
    [Benchmark(Description = "1,000-point list → xlsx")] public byte[] ExportXlsx() => XlsxWriter.Write(_form);
    [Benchmark(Description = "10,000-row xlsx → parsed points")] public int ParseImport() => ImportRiskList.Parse("清单.xlsx", new MemoryStream(_import), Synthetic.Scheme).Points.Count;
    [Benchmark(Description = "content hash of a 1,000-point list")] public string Hash() => ListContent.Hash(_list.List, _list.Points);
}

[MemoryDiagnoser]
public class SummaryAggregation
{
    private List<SummaryInput> _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(3);
        var s = Synthetic.Scheme;
        // The province: 11 city rows, 1,000,000 points between them.
        _rows = Enumerable.Range(0, 11).Select(r => new SummaryInput($"第{r + 1}市", Enumerable.Range(0, 18_000).Select(i => $"p{r}-{i}").ToList(),
            Enumerable.Range(0, 1_000_000 / 11).Select(_ => new SummaryPoint(s.Categories[rng.Next(s.Categories.Count)].Code, s.Levels[rng.Next(s.Levels.Count)].Code,
                ["严格执行“三重一大”集体决策制度", "建立采购内控制度"], 1)).ToList())).ToList();
    }

    [Benchmark(Description = "汇总表 arithmetic over 1,000,000 points")] public int Compute() => Summary.Compute(Synthetic.Scheme, _rows).Total.Points;
}

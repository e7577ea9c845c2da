using Lianfang.Core.Powers;
using Lianfang.Web.Features.Powers;
using Lianfang.Web.Infrastructure;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Features.Powers;

/// <summary>
/// Damaged 职权目录 files (附件1 总表 and 附件2 分表, in Word and Excel) through the real import: items, row problems or
/// a bad file, quickly; the bad ones posted to the endpoint answer 400 in Chinese and save nothing.
/// </summary>
public abstract class PowerImportFuzzTests(AppFixture f, ITestOutputHelper output)
{
    private const int PerSeed = 300;

    [Fact]
    public async Task Mutated_catalogs_end_in_items_row_problems_or_a_bad_file_and_a_bad_one_posted_is_a_chinese_400_that_saves_nothing()
    {
        var w = await World.CreateAsync(f, "职权模糊");
        var office = w.Users["party_office"];
        var me = await f.ScopeOfAsync(office);

        // The import itself, as a dry run so the items that still parse are not saved.
        var samples = await OfficeFuzz.RunAsync(Seeds(), PerSeed, async m =>
        {
            using var scope = f.App.Services.CreateScope();
            var file = new FormFile(new MemoryStream(m.Bytes), 0, m.Bytes.Length, "file", m.Name);
            try
            {
                await scope.ServiceProvider.GetRequiredService<PowerForms>().ImportAsync(me, w.U1, file, dryRun: true, default);
                return "items";
            }
            catch (ValidationFailedException e) when (e.Status == StatusCodes.Status422UnprocessableEntity) { return "row problems"; }
        }, output);

        await OfficeFuzz.PostRefusedAsync(await f.As(office), $"/api/v1/org-units/{w.U1}/powers/import", samples, 8, CountAsync, output);
    }

    private Task<(int Items, int Audit)> CountAsync() => f.App.WithDbAsync(async db => (await db.Powers.CountAsync(), await db.AuditEvents.CountAsync()));

    private static IEnumerable<(string, byte[])> Seeds() =>
    [
        ("annex1.docx", new Corpus.Word()
            .Para("行政职权目录总表", bold: true, center: true)
            .Para("单位：（公章）示范市卫健委")
            .Table([800, 2400, 4800],
                ["序号", "类别", "项目名称"],
                [new C("一、行政许可(含非许可行政审批)　共 2 项", Span: 3)],
                ["1", "", "医疗机构执业许可"],
                ["2", "", "行政许可事项变更登记"],
                [new C("二、行政处罚　共 1 项", Span: 3)],
                ["1", "", "对非法行医的处罚"])
            .Build()),
        ("annex2.docx", new Corpus.Word()
            .Para("行政职权目录分表（行政处罚类）", bold: true, center: true)
            .Para("单位：示范市卫健委")
            .Table([600, 2000, 1200, 2200, 1000, 900, 1000, 1400, 1200, 1000],
                [.. PowerCatalogForm.Annex2Columns.Select(c => new C(c))],
                ["1", "对非法行医的处罚", "市卫健委", "《执业医师法》第三十九条", "政务网", "社会公开", "决定后7日内", "无", "综合监督执法局", ""],
                ["2", "对违规医疗广告的处罚", "市卫健委", "《医疗广告管理办法》", "公告栏", "内部公开", "", "", "医政医管处", "会同市场监管"])
            .Build()),
        ("annex1.xlsx", Corpus.Xlsx(new Corpus.Sheet("总表")
            .Row(1, "行政职权目录总表").Merge("A1:C1")
            .Row(2, "序号", "类别", "项目名称")
            .Row(3, "1", "行政许可", "医疗机构执业许可")
            .Row(4, "2", "行政处罚", "对非法行医的处罚")
            .Row(5, "3", "行政强制", "查封违法使用的医疗器械"))),
        ("annex2.xlsx", PowerFormsTests.Annex2()),
    ];
}

[Collection("sqlite")] public sealed class PowerImportFuzzTests_Sqlite(SqliteFixture f, ITestOutputHelper output) : PowerImportFuzzTests(f, output);
[Collection("postgres")] public sealed class PowerImportFuzzTests_Postgres(PostgresFixture f, ITestOutputHelper output) : PowerImportFuzzTests(f, output);

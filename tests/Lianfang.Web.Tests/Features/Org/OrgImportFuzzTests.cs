using Lianfang.Core;
using Lianfang.Web.Data;
using Lianfang.Web.Features.Org;
using Lianfang.Web.Infrastructure;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Lianfang.Web.Tests.Features.Org.OrgImportTests;

namespace Lianfang.Web.Tests.Features.Org;

/// <summary>
/// Damaged org workbooks (as MiniExcel and as Excel write them) through the real import: units, posts and people, row
/// problems or a refused file, quickly; the refused ones posted to the endpoint answer 400 in Chinese and change nothing.
/// </summary>
public abstract class OrgImportFuzzTests(AppFixture f, ITestOutputHelper output)
{
    private const int PerSeed = 300;

    [Fact]
    public async Task Mutated_workbooks_end_in_rows_row_problems_or_a_bad_file_and_a_bad_one_posted_is_a_chinese_400_that_changes_nothing()
    {
        var w = await World.CreateAsync(f, "机构模糊");
        var office = w.Users["party_office"];
        var me = await f.ScopeOfAsync(office);

        // The import has no dry run: each file is imported in a transaction that is rolled back, so every one meets the same tree.
        var samples = await OfficeFuzz.RunAsync(Seeds(), PerSeed, async m =>
        {
            using var scope = f.App.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            try
            {
                await using var xlsx = await Uploads.ReadXlsxAsync(new FormFile(new MemoryStream(m.Bytes), 0, m.Bytes.Length, "file", m.Name), default);
                await OrgImport.ImportAsync(db, me, w.U1, xlsx, f.App.Time, default);
                return "rows";
            }
            catch (ValidationFailedException e) when (e.Status == StatusCodes.Status422UnprocessableEntity) { return "row problems"; }
            // The org import's own reader refuses what MiniExcel cannot read, and a workbook without its sheets or anything new, on "file".
            catch (DomainException e) when (e.Field == "file" && e.Kind == DomainErrorKind.Invalid) { return OfficeFuzz.BadFile; }
            finally { await tx.RollbackAsync(); }
        }, output);

        await OfficeFuzz.PostRefusedAsync(await f.As(office), $"/api/v1/org-units/{w.U1}/import", samples, 6, CountAsync, output);
    }

    private Task<(int Units, int Posts, int People, int Audit)> CountAsync() => f.App.WithDbAsync(async db =>
        (await db.OrgUnits.CountAsync(), await db.Posts.CountAsync(), await db.People.CountAsync(), await db.AuditEvents.CountAsync()));

    private static IEnumerable<(string, byte[])> Seeds() =>
    [
        ("org.xlsx", Workbook(
            [U("市人民医院", "单位", "卫健委"), U("采购中心", "科室", "市人民医院"), U("药剂科", "处室/科室", "卫健委/市人民医院")],
            [P("采购中心", "采购中心主任", "中层岗位", "药品耗材采购"), P("药剂科", "药剂师", "其他岗位")],
            [M("黄敏", "主任", "采购中心", "采购中心主任", new DateTime(2020, 5, 6)), M("孙丽", "药剂师", "市人民医院/药剂科", "药剂师", "2019.3")])),
        // Excel's own layout: shared and inline strings, a numeric date, cells left out where empty.
        ("org-excel.xlsx", Corpus.Xlsx(
            new Corpus.Sheet(OrgImport.UnitsSheet).Row(1, OrgImport.UnitColumns).Row(2, "市疾控中心", "单位", "卫健委").Row(3, "检验科", "科室", "市疾控中心"),
            new Corpus.Sheet(OrgImport.PostsSheet).Row(1, OrgImport.PostColumns).Row(2, "检验科", "检验科科长", "中层岗位", "检验试剂采购验收", "对本科室廉政风险负直接责任"),
            new Corpus.Sheet(OrgImport.PeopleSheet).Row(1, OrgImport.PeopleColumns).Row(2, "赵磊", "科长", "检验科", "检验科科长", "44287").Row(3, "钱红", "科员", "市疾控中心/检验科", null, "2022年3月1日"))),
    ];
}

[Collection("sqlite")] public sealed class OrgImportFuzzTests_Sqlite(SqliteFixture f, ITestOutputHelper output) : OrgImportFuzzTests(f, output);
[Collection("postgres")] public sealed class OrgImportFuzzTests_Postgres(PostgresFixture f, ITestOutputHelper output) : OrgImportFuzzTests(f, output);

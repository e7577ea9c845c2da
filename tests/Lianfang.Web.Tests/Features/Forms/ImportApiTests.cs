using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Lianfang.Web.Tests.Features.Forms.FormsWorld;

namespace Lianfang.Web.Tests.Features.Forms;

public abstract class ImportApiTests(AppFixture f)
{
    /// <summary>A shaoxing-health-2018 campaign over 卫健委 and the list of 财务处, written by its head.</summary>
    private async Task<(World W, int List, HttpClient Head)> HealthListAsync(string label)
    {
        var w = await World.CreateAsync(f, label);
        await Review.WrittenList.LeaderAsync(f, w);
        var campaign = await CampaignAsync(f, w, "shaoxing-health-2018");
        return (w, await ListAsync(f, campaign, "Department", w.D1), await f.As(w.Users["dept_head"]));
    }

    [Fact]
    public async Task The_seed_list_form_filled_with_five_points_imports_as_five_points_with_levels_split_measures_and_persons()
    {
        var (_, list, head) = await HealthListAsync("导入清单");
        var result = await Upload(head, list, SeedForms.HealthListDocx(), "财务处廉洁风险防控清单.docx").Expect(HttpStatusCode.OK);
        Assert.Equal(5, result.GetProperty("imported").GetInt32());
        Assert.False(result.GetProperty("dryRun").GetBoolean());
        Assert.Equal([2, 3, 4, 5, 6], result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));

        var points = (await PointsAsync(head, list)).EnumerateArray().ToList();
        Assert.Equal(5, points.Count);
        foreach (var (e, p) in SeedForms.HealthList.Zip(points))
        {
            Assert.Equal(e.Description, p.GetProperty("description").GetString());
            Assert.Equal(e.Category, p.GetProperty("categoryCode").GetString());
            Assert.Equal(e.Level, p.GetProperty("levelCode").GetString());
            Assert.Equal(e.Measures, p.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
            Assert.Equal(e.Persons, Strings(p.GetProperty("responsible").GetProperty("persons")));
            Assert.Equal(e.Leader, p.GetProperty("responsible").GetProperty("leader").GetString());
            Assert.Equal(e.Focus, p.GetProperty("supervision").GetProperty("focus").GetString());
        }
        Assert.Equal([1, 2, 3, 4, 5], points.Select(p => p.GetProperty("seq").GetInt32()));
    }

    [Fact]
    public async Task A_spreadsheet_with_one_bad_level_returns_422_naming_that_row_and_column_and_saves_nothing()
    {
        var (_, list, head) = await HealthListAsync("坏等级");
        var problem = await Upload(head, list, SeedForms.HealthListXlsx(levelOfRow7: "较高"), "清单.xlsx").Expect(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(7, error.GetProperty("row").GetInt32());
        Assert.Equal("风险等级", error.GetProperty("column").GetString());
        Assert.Equal("防控清单", error.GetProperty("sheet").GetString());
        Assert.StartsWith("第 7 行“风险等级”：“较高”", error.GetProperty("message").GetString());
        Assert.Contains("未导入任何数据", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await PointsAsync(head, list)).GetArrayLength());
    }

    [Fact]
    public async Task A_large_spreadsheet_saves_in_several_batches_exactly_the_points_of_its_dry_run_and_a_bad_last_row_saves_nothing()
    {
        var (_, list, head) = await HealthListAsync("大批导入");
        const int n = 4_500; // more than two insert batches
        byte[] File(string lastLevel)
        {
            var sheet = new Corpus.Sheet("防控清单").Row(1, "序号", "廉洁风险点描述", "风险等级", "防控措施", "相关责任人");
            for (var i = 1; i <= n; i++)
                sheet.Row(i + 1, $"{i}", $"第{i}项审批事项中违规审批的风险", i == n ? lastLevel : "一般", $"1.逐项复核第{i}项\n2.结果公示", "王芳");
            return Corpus.Xlsx(sheet);
        }
        static List<string> Points(JsonElement points) => points.EnumerateArray().Select(p => string.Join("|", p.GetProperty("description").GetString(),
            p.GetProperty("levelCode").GetString(), p.GetProperty("categoryCode").GetString(), string.Join(",", Strings(p.GetProperty("responsible").GetProperty("persons"))),
            string.Join("/", p.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("text").GetString())))).ToList();

        var bad = await Upload(head, list, File("较高"), "大清单.xlsx").Expect(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(bad.GetProperty("errors").EnumerateArray());
        Assert.Equal((n + 1, "风险等级"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.Equal(0, (await PointsAsync(head, list)).GetArrayLength());

        var file = File("一般");
        var preview = await Upload(head, list, file, "大清单.xlsx", dryRun: true).Expect(HttpStatusCode.OK);
        var result = await Upload(head, list, file, "大清单.xlsx").Expect(HttpStatusCode.OK);
        Assert.Equal(n, result.GetProperty("imported").GetInt32());
        var saved = await PointsAsync(head, list);
        Assert.Equal(Points(preview.GetProperty("riskPoints")), Points(saved));
        Assert.Equal(Points(result.GetProperty("riskPoints")), Points(saved));
        Assert.Equal($"第{n}项审批事项中违规审批的风险|general|unclassified|王芳|逐项复核第{n}项/结果公示", Points(saved)[^1]);
        Assert.Equal(Enumerable.Range(1, n), saved.EnumerateArray().Select(p => p.GetProperty("seq").GetInt32()));
        var ids = saved.EnumerateArray().Select(p => p.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids, result.GetProperty("riskPoints").EnumerateArray().Select(p => p.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)));
        // one insert event per point, one after another in the chain
        var events = await f.App.WithDbAsync(db => db.AuditEvents.Where(e => e.EntityType == "RiskPoint" && e.Action == "Insert" && ids.Contains(e.EntityId))
            .OrderBy(e => e.Seq).Select(e => new { e.Seq, e.EntityId }).ToListAsync());
        Assert.Equal(ids, events.Select(e => e.EntityId));
        Assert.Equal(n - 1, events[^1].Seq - events[0].Seq);
    }

    [Fact]
    public async Task Rules_of_the_register_apply_to_imported_rows_too_and_every_problem_is_listed()
    {
        var (_, list, head) = await HealthListAsync("超长");
        var xlsx = Corpus.Xlsx(new Corpus.Sheet("Sheet1")
            .Row(1, "序号", "廉洁风险点描述", "风险等级", "防控措施")
            .Row(2, "1", new string('长', 2001), "一般", "复核")
            .Row(3, "2", "私车公养", "不存在", "")
            .Row(4, "3", "", "一般", "有措施没描述")
            .Row(5, "4", "正常的一条", "一般", ""));
        var problem = await Upload(head, list, xlsx, "坏表.xlsx").Expect(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(2, "廉洁风险点描述"), (3, "风险等级"), (4, "廉洁风险点描述")], errors);
        Assert.Contains("不能超过2000个字", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(0, (await PointsAsync(head, list)).GetArrayLength());
    }

    [Fact]
    public async Task A_dry_run_returns_the_parsed_points_and_saves_nothing()
    {
        var (_, list, head) = await HealthListAsync("预演");
        var result = await Upload(head, list, SeedForms.HealthListXlsx(), "清单.xlsx", dryRun: true).Expect(HttpStatusCode.OK);
        Assert.True(result.GetProperty("dryRun").GetBoolean());
        Assert.Equal(0, result.GetProperty("imported").GetInt32());
        Assert.Equal(5, result.GetProperty("parsed").GetInt32());
        Assert.Equal(SeedForms.HealthList.Select(e => e.Description), result.GetProperty("riskPoints").EnumerateArray().Select(p => p.GetProperty("description").GetString()));
        Assert.Equal(["Unclassified", "Inferred", "Inferred", "Unclassified", "Inferred"],
            result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("categorySource").GetString()));
        Assert.Equal(0, (await PointsAsync(head, list)).GetArrayLength());
    }

    [Fact]
    public async Task Unclassified_points_from_an_import_block_submitting_until_a_category_is_chosen()
    {
        var (w, list, head) = await HealthListAsync("未分类");
        await Upload(head, list, SeedForms.HealthListDocx(), "清单.docx").Expect(HttpStatusCode.OK);
        var refused = await head.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("第 1、4 条风险点未分类", refused.GetProperty("detail").GetString());
        foreach (var p in (await PointsAsync(head, list)).EnumerateArray().Where(p => p.GetProperty("categoryCode").GetString() == "unclassified"
                     || p.GetProperty("responsible").GetProperty("leader").ValueKind == System.Text.Json.JsonValueKind.Null))
            await head.Put($"/api/v1/lists/{list}/risk-points/{p.GetProperty("id").GetInt64()}", new
            {
                categoryCode = p.GetProperty("categoryCode").GetString() == "unclassified" ? "power" : p.GetProperty("categoryCode").GetString(),
                description = p.GetProperty("description").GetString(), levelCode = p.GetProperty("levelCode").GetString(),
                measures = p.GetProperty("measures"), supervision = p.GetProperty("supervision"),
                responsible = new { leader = "赵强", persons = p.GetProperty("responsible").GetProperty("persons") }, version = p.GetProperty("version").GetInt32(),
            }).Expect(HttpStatusCode.OK);
        // then the rows still wait for the people they name (001 逐条逐栏签字)
        Assert.Contains("待“王芳”签字", (await head.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        await SignRowsAsync(f, w, list, w.D1);
        await head.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_the_holder_imports_into_a_personal_list_and_a_list_in_review_refuses_imports_with_409()
    {
        var w = await World.CreateAsync(f, "本人导入");
        var campaign = await CampaignAsync(f, w, "longsheng-2012");
        var personal = await ListAsync(f, campaign, "Person", w.D1, w.X1);
        var file = SeedForms.PersonalFindingDocx();
        await Upload(await f.As(w.Users["dept_head"]), personal, file, "查找表.docx").Expect(HttpStatusCode.Forbidden);
        await Upload(await f.As(w.Users["party_office"]), personal, file, "查找表.docx").Expect(HttpStatusCode.Forbidden);
        await Upload(await f.As((await f.OtherWorldAsync()).Users["staff"]), personal, file, "查找表.docx").Expect(HttpStatusCode.NotFound);
        var staff = await f.As(w.Users["staff"]);
        Assert.Equal(3, (await Upload(staff, personal, file, "查找表.docx").Expect(HttpStatusCode.OK)).GetProperty("imported").GetInt32());

        var sanjiang = await CampaignAsync(f, w, "sanjiang-2019");
        var unitList = await ListAsync(f, sanjiang, "Unit", w.U1);
        var office = await f.As(w.Users["party_office"]);
        // 审定 is the unit review's act: a reviewed form's 审定 column is read but not taken, and the answer says which rows.
        var reviewed = await Upload(office, unitList, SeedForms.UnitRegistrationReviewedDocx(), "单位登记表.docx", dryRun: true).Expect(HttpStatusCode.OK);
        var notice = Assert.Single(reviewed.GetProperty("notices").EnumerateArray()).GetString()!;
        Assert.Contains("第 6 行、", notice);
        Assert.Contains("“风险等级（审定）”未导入", notice);
        Assert.All(reviewed.GetProperty("riskPoints").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("approvedLevelCode").ValueKind));
        await Upload(office, unitList, SeedForms.UnitRegistrationDocx(), "单位登记表.docx").Expect(HttpStatusCode.OK);
        await office.PostAsync($"/api/v1/lists/{unitList}/submit", null).Expect(HttpStatusCode.OK);
        var locked = await Upload(office, unitList, SeedForms.UnitRegistrationDocx(), "单位登记表.docx").Expect(HttpStatusCode.Conflict);
        Assert.Contains("审核中", locked.GetProperty("detail").GetString());
        Assert.Equal(5, (await PointsAsync(office, unitList)).GetArrayLength());
    }

    [Fact]
    public async Task Hostile_or_wrong_files_get_a_clear_4xx_and_change_nothing()
    {
        var (_, list, head) = await HealthListAsync("恶意文件");
        async Task Refused(byte[] bytes, string name, HttpStatusCode status, string message)
        {
            var problem = await Upload(head, list, bytes, name).Expect(status);
            Assert.Contains(message, problem.GetProperty("detail").GetString());
        }
        await Refused(Encoding.UTF8.GetBytes("not a zip"), "清单.docx", HttpStatusCode.BadRequest, "不是有效的 .docx");
        await Refused(SeedForms.HealthListXlsx(), "清单.docx", HttpStatusCode.BadRequest, "内容是 Excel 工作簿");
        await Refused(SeedForms.HealthListXlsx(), "清单.xlsm", HttpStatusCode.BadRequest, "含宏");
        await Refused(Encoding.UTF8.GetBytes("序号,描述"), "清单.csv", HttpStatusCode.BadRequest, "只能上传");
        await Refused(Corpus.Xlsx(new Corpus.Sheet("人员").Row(1, "姓名", "职务").Row(2, "张三", "科长")), "人员.xlsx", HttpStatusCode.UnprocessableEntity, "找不到风险点表格");
        await Refused(Corpus.Xlsx(new Corpus.Sheet("Sheet1").Row(1, "序号", "风险点描述", "风险等级").Row(2, "1.")), "空表.xlsx", HttpStatusCode.UnprocessableEntity, "没有风险点");

        var big = new byte[50 * 1024 * 1024];
        "PK\u0003\u0004"u8.CopyTo(big);
        var res = await Upload(head, list, big, "巨大.xlsx");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, res.StatusCode);
        Assert.Contains("过大", (await res.Json()).GetProperty("detail").GetString());

        var none = await head.PostAsync($"/api/v1/lists/{list}/import", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(0, (await PointsAsync(head, list)).GetArrayLength());
    }
}

[Collection("sqlite")] public sealed class ImportApiTests_Sqlite(SqliteFixture f) : ImportApiTests(f);
[Collection("postgres")] public sealed class ImportApiTests_Postgres(PostgresFixture f) : ImportApiTests(f);

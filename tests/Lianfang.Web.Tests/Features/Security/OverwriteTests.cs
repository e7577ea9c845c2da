using System.Net;
using System.Text.Json;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lianfang.Web.Tests.Features.Security;

/// <summary>
/// Nobody overwrites blindly: every overwriting request carries the version it read, a point written moves its list's
/// version (so an import cannot race a submit), and a NUL or half a surrogate pair in free text is bad input on both
/// databases, not a 500.
/// </summary>
public abstract class OverwriteTests(AppFixture f)
{
    [Fact]
    public async Task An_overwriting_request_without_the_version_it_read_is_refused_and_changes_nothing()
    {
        var s = await WrittenList.CreateAsync(f, "版本");
        var staff = await f.As(s.W.Users["staff"]);
        var point = (await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0];
        var edit = WrittenList.Point("power", "资金拨付中优亲厚友（改）", "important");
        Assert.Equal(["version"], (await staff.Put($"/api/v1/lists/{s.List}/risk-points/{point.Id()}", edit).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var unit = await f.Admin.GetAsync($"/api/v1/org-units/{s.W.D2}").Expect(HttpStatusCode.OK);
        Assert.Equal(["version"], (await f.Admin.Put($"/api/v1/org-units/{s.W.D2}", new { name = "综合办公室", kind = "Department", parentId = s.W.U1 })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["version"], (await f.Admin.Put($"/api/v1/posts/{s.W.P1}", new { orgUnitId = s.W.D1, name = "会计（改）", tier = "Other" })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["version"], (await f.Admin.Put($"/api/v1/people/{s.W.X1}", new { name = "王芳（改）", orgUnitId = s.W.D1 })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["version"], (await staff.Put($"/api/v1/lists/{s.List}/commitment", new { text = "我承诺" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());

        // nothing changed; with the version read, the same writes go through
        Assert.Equal("资金拨付中优亲厚友", (await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0].GetProperty("description").GetString());
        Assert.Equal(unit.GetProperty("name").GetString(), (await f.Admin.GetAsync($"/api/v1/org-units/{s.W.D2}").Expect(HttpStatusCode.OK)).GetProperty("name").GetString());
        await staff.Put($"/api/v1/lists/{s.List}/risk-points/{point.Id()}", Merge(edit, point.GetProperty("version").GetInt32())).Expect(HttpStatusCode.OK);
        await f.Admin.Put($"/api/v1/org-units/{s.W.D2}", new { name = "综合办公室", kind = "Department", parentId = s.W.U1, version = unit.GetProperty("version").GetInt32() })
            .Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_point_written_moves_its_lists_version_so_a_stale_list_write_is_refused()
    {
        var s = await WrittenList.CreateAsync(f, "清单版本");
        var staff = await f.As(s.W.Users["staff"]);
        var before = (await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("version").GetInt32();
        await staff.Post($"/api/v1/lists/{s.List}/risk-points", WrittenList.Point("conduct", "公车私用", "general")).Expect(HttpStatusCode.Created);
        var after = (await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("version").GetInt32();
        Assert.True(after > before, $"list version {before} → {after}");
        // a commitment written against the list as it was before the point is refused
        await staff.Put($"/api/v1/lists/{s.List}/commitment", new { text = "我承诺", version = before }).Expect(HttpStatusCode.Conflict);
        await staff.Put($"/api/v1/lists/{s.List}/commitment", new { text = "我承诺", version = after }).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_import_that_read_the_list_before_a_submit_landed_saves_nothing()
    {
        var s = await WrittenList.CreateAsync(f, "导入竞争");
        var staffUser = await f.App.WithDbAsync(db => db.Users.Where(u => u.UserName == s.W.Users["staff"]).Select(u => u.Id).SingleAsync());
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Lianfang.Web.Data.AppDbContext>();
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();
        var writer = await Lianfang.Web.Shared.CurrentUser.LoadAsync(db, staffUser, default);
        await commands.WritableListAsync(writer, s.List, default); // the import reads the list: still a draft

        await (await f.As(s.W.Users["staff"])).PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);

        var row = JsonSerializer.Deserialize<RiskPointInput>(JsonSerializer.Serialize(WrittenList.Point("conduct", "导入的风险点", "general")), JsonSerializerOptions.Web)!;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => commands.AddPointsAsync(writer, s.List, [row.ToContent()], save: true, default));
        Assert.False(await f.App.WithDbAsync(d => d.RiskPoints.AnyAsync(p => p.ListId == s.List && p.Description == "导入的风险点")));
    }

    [Fact]
    public async Task A_nul_character_in_free_text_is_bad_input_on_both_databases()
    {
        var s = await WrittenList.CreateAsync(f, "空字符");
        var staff = await f.As(s.W.Users["staff"]);
        var refused = await staff.Post($"/api/v1/lists/{s.List}/risk-points", WrittenList.Point("conduct", "报销\u0000把关", "general")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["description"], refused.ErrorFields());
        Assert.Contains("空字符", refused.ToString());
        // in a measure it names the measures, not the search column made from them
        var inMeasure = await staff.Post($"/api/v1/lists/{s.List}/risk-points", new
        {
            categoryCode = "conduct", description = "报销把关", levelCode = "general", measures = new[] { new { text = "双人\u0000复核" } },
            supervision = WrittenList.Supervision, responsible = WrittenList.Responsible, elementsChecked = true,
        }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["measures"], inMeasure.ErrorFields());
        Assert.Equal(["name"], (await f.Admin.Post("/api/v1/org-units", new { name = "财务\u0000科", kind = "Department", parentId = s.W.U1 })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(2, (await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").GetArrayLength());
    }

    [Fact]
    public async Task Half_a_surrogate_pair_from_an_Excel_escape_is_bad_input_on_both_databases()
    {
        var s = await WrittenList.CreateAsync(f, "代理项");
        var staff = await f.As(s.W.Users["staff"]);
        // Excel writes a character it cannot put in XML as _xHHHH_; "_xD800_" alone is half a character, which Npgsql cannot encode.
        static byte[] List(string description) =>
            Corpus.Xlsx(new Corpus.Sheet("清单").Row(1, "序号", "廉洁风险点描述", "防控措施", "风险等级").Row(2, "1", description, "集体研究", "一般"));
        var refused = await FormsWorld.Upload(staff, s.List, List("经费支出_xD800_未经集体研究"), "清单.xlsx").Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["description"], refused.ErrorFields());
        Assert.Contains("不成对的 Unicode 代理项", refused.GetProperty("detail").GetString());
        var units = new MultipartFormDataContent { { new ByteArrayContent(Corpus.Xlsx(new Corpus.Sheet("机构").Row(1, "机构名称", "类型").Row(2, "审计科_xDC00_", "科室"))), "file", "机构.xlsx" } };
        Assert.Equal(["name"], (await (await f.As(s.W.Users["party_office"])).PostAsync($"/api/v1/org-units/{s.W.U1}/import", units).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(2, (await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").GetArrayLength());

        // both halves make one character, which is kept
        await FormsWorld.Upload(staff, s.List, List("经费支出_xD83D__xDCB0_未经集体研究"), "清单.xlsx").Expect(HttpStatusCode.OK);
        var points = (await staff.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints");
        Assert.Contains(points.EnumerateArray(), p => p.GetProperty("description").GetString() == "经费支出💰未经集体研究");
    }

    private static JsonElement Merge(object body, int version)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(body))!.AsObject();
        node["version"] = version;
        return JsonSerializer.SerializeToElement(node);
    }
}

[Collection("sqlite")] public sealed class OverwriteTests_Sqlite(SqliteFixture f) : OverwriteTests(f);
[Collection("postgres")] public sealed class OverwriteTests_Postgres(PostgresFixture f) : OverwriteTests(f);

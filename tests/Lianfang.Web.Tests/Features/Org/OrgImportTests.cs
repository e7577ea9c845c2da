using System.Net;
using System.Net.Http.Headers;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Infrastructure;
using MiniExcelLibs;

namespace Lianfang.Web.Tests.Features.Org;

public abstract class OrgImportTests(AppFixture f)
{
    internal static byte[] Workbook(object[] units, object[] posts, object[] people)
    {
        var sheets = new Dictionary<string, object>();
        if (units.Length > 0) sheets["机构"] = units;
        if (posts.Length > 0) sheets["岗位"] = posts;
        if (people.Length > 0) sheets["人员"] = people;
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        return ms.ToArray();
    }

    internal static object U(string name, string kind, string parent = "", string supervises = "") =>
        new Dictionary<string, object> { ["机构名称"] = name, ["类型"] = kind, ["上级机构"] = parent, ["监督单位"] = supervises };
    internal static object P(string unit, string name, string tier, string duties = "") =>
        new Dictionary<string, object> { ["所属机构"] = unit, ["岗位名称"] = name, ["岗位层面"] = tier, ["岗位职责"] = duties, ["廉政职责"] = "" };
    internal static object M(string name, string title, string unit, string post, object date) =>
        new Dictionary<string, object> { ["姓名"] = name, ["职务"] = title, ["所属机构"] = unit, ["岗位"] = post, ["任职时间"] = date };

    private static Task<HttpResponseMessage> Upload(HttpClient c, int unitId, byte[] bytes, string fileName = "机构.xlsx")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", fileName);
        return c.PostAsync($"/api/v1/org-units/{unitId}/import", content);
    }

    [Fact]
    public async Task A_good_workbook_imports_units_posts_and_people_in_one_go()
    {
        var w = await World.CreateAsync(f, "导入");
        var xlsx = Workbook(
            [U("市人民医院", "单位", "卫健委"), U("采购中心", "科室", "市人民医院"), U("药剂科", "处室/科室", "卫健委/市人民医院")],
            [P("采购中心", "采购中心主任", "中层岗位", "药品耗材采购"), P("药剂科", "药剂师", "其他岗位")],
            [M("黄敏", "主任", "采购中心", "采购中心主任", new DateTime(2020, 5, 6)), M("孙丽", "药剂师", "市人民医院/药剂科", "药剂师", "2019.3")]);

        var result = await Upload(await f.As(w.Users["party_office"]), w.U1, xlsx).Expect(HttpStatusCode.OK);
        Assert.Equal(3, result.GetProperty("units").GetInt32());
        Assert.Equal(2, result.GetProperty("posts").GetInt32());
        Assert.Equal(2, result.GetProperty("people").GetInt32());

        var units = (await f.Admin.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var hospital = units.Single(u => u.GetProperty("name").GetString() == "市人民医院" && u.GetProperty("parentId").GetInt32() == w.U1);
        var centre = units.Single(u => u.GetProperty("name").GetString() == "采购中心" && u.GetProperty("parentId").GetInt32() == hospital.Id());
        var people = await f.Admin.GetAsync($"/api/v1/org-units/{centre.Id()}/people").Expect(HttpStatusCode.OK);
        Assert.Equal("黄敏", people[0].GetProperty("name").GetString());
        Assert.Equal("2020-05-06", people[0].GetProperty("appointedOn").GetString());
    }

    [Fact]
    public async Task People_bring_their_employee_number_which_must_be_new()
    {
        var w = await World.CreateAsync(f, "工号导入");
        var number = $"I{Guid.NewGuid():N}"[..12];
        static object N(string name, string number) =>
            new Dictionary<string, object> { ["姓名"] = name, ["职务"] = "科员", ["所属机构"] = "财务处", ["岗位"] = "", ["任职时间"] = "", ["工号"] = number };
        var twice = await Upload(f.Admin, w.U1, Workbook([], [], [N("甲某", number), N("乙某", number)])).Expect(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(twice.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("column").GetString() == "工号" && e.GetProperty("row").GetInt32() == 3);
        await Upload(f.Admin, w.U1, Workbook([], [], [N("甲某", number)])).Expect(HttpStatusCode.OK);
        var people = await f.Admin.GetAsync($"/api/v1/org-units/{w.D1}/people").Expect(HttpStatusCode.OK);
        Assert.Contains(people.EnumerateArray(), p => p.GetProperty("employeeNumber").GetString() == number);
        var taken = await Upload(f.Admin, w.U1, Workbook([], [], [N("丙某", number)])).Expect(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("已被其他人员使用", taken.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Units_take_their_duties_and_head_from_the_workbook_new_ones_and_those_already_there()
    {
        var w = await World.CreateAsync(f, "职责导入");
        static object D(string name, string kind, string parent, string duties, string integrity, string head) => new Dictionary<string, object>
            { ["机构名称"] = name, ["类型"] = kind, ["上级机构"] = parent, ["监督单位"] = "", ["职责"] = duties, ["廉政职责"] = integrity, ["负责人"] = head };
        var office = await f.As(w.Users["party_office"]);
        var xlsx = Workbook(
            [D("审计科", "科室", "", "负责内部审计监督", "对本科室廉政风险防控负直接责任", "周敏"),
             D("财务处", "处室/科室", "", "财务管理与会计核算", "", "王芳")], // already there: only described
            [], [M("周敏", "科长", "审计科", "", "2023-02-01")]);
        await Upload(office, w.U1, xlsx).Expect(HttpStatusCode.OK);
        var units = (await f.Admin.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var audit = units.Single(u => u.GetProperty("name").GetString() == "审计科" && u.GetProperty("parentId").GetInt32() == w.U1);
        var zhou = (await f.Admin.GetAsync($"/api/v1/org-units/{audit.Id()}/people").Expect(HttpStatusCode.OK))[0].Id();
        Assert.Equal(("负责内部审计监督", "对本科室廉政风险防控负直接责任", zhou),
            (audit.GetProperty("duties").GetString(), audit.GetProperty("integrityDuties").GetString(), audit.GetProperty("headPersonId").GetInt32()));
        var finance = await f.Admin.GetAsync($"/api/v1/org-units/{w.D1}").Expect(HttpStatusCode.OK);
        Assert.Equal(("财务管理与会计核算", w.X1), (finance.GetProperty("duties").GetString(), finance.GetProperty("headPersonId").GetInt32()));
        var again = Workbook([D("审计科", "科室", "", "负责内部审计监督", "", "周敏"), D("财务处", "处室/科室", "", "", "", "王芳")], [], []);
        Assert.Contains("没有要补充的职责和负责人", (await Upload(office, w.U1, again).Expect(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()); // all as it is

        // a head who is nobody of the unit's subtree is named with its row and column, and nothing is imported
        var bad = Workbook([D("统计科", "科室", "", "", "", "不存在的人")], [], []);
        var problem = await Upload(office, w.U1, bad).Expect(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("机构", 2, "负责人"), (error.GetProperty("sheet").GetString(), error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.DoesNotContain((await f.Admin.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK)).EnumerateArray(), u => u.GetProperty("name").GetString() == "统计科");
    }

    [Fact]
    public async Task A_workbook_with_bad_rows_is_refused_whole_with_every_row_named()
    {
        var w = await World.CreateAsync(f, "坏表");
        var before = (await f.Admin.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK)).GetArrayLength();
        var xlsx = Workbook(
            [U("合规科", "科室", "卫健委"), U("某某局", "部委", "卫健委"), U("孤儿科", "科室", "不存在的处"), U("办公室", "科室", "")],
            [P("合规科", "合规专员", "高层岗位")],
            [M("张三", "科员", "合规科", "不存在的岗位", "2021-01-01"), M("李四", "科员", "合规科", "", "去年")]);

        var problem = await Upload(f.Admin, w.U1, xlsx).Expect(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("sheet").GetString()}:{e.GetProperty("row").GetInt32()}:{e.GetProperty("column").GetString()}").ToList();
        Assert.Equal(["机构:3:类型", "机构:4:上级机构", "岗位:2:岗位层面", "人员:2:岗位", "人员:3:任职时间"], errors);
        Assert.Contains("未导入任何数据", problem.GetProperty("detail").GetString());
        Assert.Equal(before, (await f.Admin.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task An_ambiguous_unit_name_asks_for_a_path()
    {
        var w = await World.CreateAsync(f, "重名");
        var xlsx = Workbook([U("办公室", "科室", "财政局"), U("文书组", "科室", "办公室")], [], []);
        var problem = await Upload(f.Admin, w.C, xlsx).Expect(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("请写出上级路径", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        var ok = Workbook([U("文书组", "科室", "卫健委/办公室")], [], []);
        await Upload(f.Admin, w.C, ok).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_heading_written_twice_once_with_a_space_or_line_break_is_read_once()
    {
        var w = await World.CreateAsync(f, "重列");
        // Both read as “机构名称”: the first column is the one taken.
        var xlsx = Corpus.Xlsx(new Corpus.Sheet("机构").Row(1, "机构名称", "类型", "机构\n名称").Row(2, "合规科", "科室", "旧名称"));
        var result = await Upload(await f.As(w.Users["party_office"]), w.U1, xlsx).Expect(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("units").GetInt32());
        var units = (await f.Admin.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK)).EnumerateArray();
        Assert.Contains(units, u => u.GetProperty("name").GetString() == "合规科" && u.GetProperty("parentId").GetInt32() == w.U1);
    }

    [Theory]
    [InlineData("org.txt", "not a workbook", "只能上传 .xlsx")]
    [InlineData("org.xls", "old excel", ".xls")]
    [InlineData("org.xlsx", "plain text pretending", "不是有效的 .xlsx")]
    [InlineData("org.xlsx", "PK\u0003\u0004broken zip", "无法读取")]
    public async Task Files_that_are_not_workbooks_get_a_clear_400(string name, string content, string message)
    {
        var w = await f.WorldAsync();
        var problem = await Upload(f.Admin, w.U1, System.Text.Encoding.UTF8.GetBytes(content), name).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["file"], problem.ErrorFields());
        Assert.Contains(message, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_workbook_that_lost_its_shared_strings_is_unreadable_not_a_server_error()
    {
        var w = await f.WorldAsync();
        // Found by the fuzz: a damaged zip directory hides xl/sharedStrings.xml, and MiniExcel meets the cells that point into it with a NullReferenceException.
        var ms = new MemoryStream();
        ms.Write(Corpus.Xlsx(new Corpus.Sheet("机构").Row(1, "机构名称", "类型").Row(2, "审计科", "科室")));
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
            zip.GetEntry("xl/sharedStrings.xml")!.Delete();
        var problem = await Upload(await f.As(w.Users["party_office"]), w.U1, ms.ToArray()).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("无法读取", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Importing_into_someone_elses_unit_is_not_found()
    {
        var w = await f.WorldAsync();
        var other = await f.OtherWorldAsync();
        var xlsx = Workbook([U("渗透科", "科室")], [], []);
        await Upload(await f.As(w.Users["party_office"]), other.U1, xlsx).Expect(HttpStatusCode.NotFound);
        await Upload(await f.As(w.Users["principal"]), w.U1, xlsx).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_template_from_the_import_page_imports_as_it_is()
    {
        var w = await World.CreateAsync(f, "模板");
        var page = await PageClient.LoginAsync(f, w.Users["admin"]);
        var template = await page.Http.GetByteArrayAsync($"/Org/Import?id={w.U2}&handler=Template");
        var result = await Upload(await f.As(w.Users["admin"]), w.U2, template).Expect(HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("units").GetInt32());
        Assert.Equal(1, result.GetProperty("people").GetInt32());
    }
}

[Collection("sqlite")] public sealed class OrgImportTests_Sqlite(SqliteFixture f) : OrgImportTests(f);
[Collection("postgres")] public sealed class OrgImportTests_Postgres(PostgresFixture f) : OrgImportTests(f);

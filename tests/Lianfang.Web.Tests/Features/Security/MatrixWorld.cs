using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Security;

/// <summary>An app of its own for the authorization matrix: public rate limits raised so the matrix can call the public pages.</summary>
public abstract class MatrixFixture(Db db) : AppFixture(db)
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Lianfang:FeedbackPerHour"] = "100000", ["Lianfang:PublicPerMinute"] = "100000",
    };

    private Task<MatrixWorld>? _world;
    public Task<MatrixWorld> MatrixAsync() => _world ??= MatrixWorld.CreateAsync(this);
}

public sealed class MatrixFixture_Sqlite() : MatrixFixture(Db.Sqlite);
public sealed class MatrixFixture_Postgres() : MatrixFixture(Db.Postgres);

/// <summary>The ids of one world's records that the matrix calls endpoints with.</summary>
public sealed record Ids(World W, int Campaign, int List, int DeptList, long Point, int Power, long Inspection, long Finding, long Rectification,
    long Evidence, long Complaint, long Assessment, string Scheme, int StaffUser, long Letter, long Disposition, int Rule);

/// <summary>
/// Two commissions built the same way. Ours (inside) and theirs (outside): every free text of theirs carries
/// <see cref="OutsideMark"/>, the sibling unit 财政局 of ours carries <see cref="SiblingMark"/>, and 王芳's 廉政档案 entry
/// carries <see cref="SecretMark"/> — so a response can be searched for data its caller must never see.
/// </summary>
public sealed class MatrixWorld
{
    public const string OutsideMark = "外泄甲";
    public const string SiblingMark = "邻近乙";
    public const string SecretMark = "档案秘丙";
    public const string PetitionMark = "信访秘丁";

    public required Ids In { get; init; }
    public required Ids Out { get; init; }

    public static async Task<MatrixWorld> CreateAsync(AppFixture f)
    {
        var inside = await World.CreateAsync(f, "矩阵", "", SiblingMark);
        var outside = await World.CreateAsync(f, "外方", OutsideMark);
        var i = await FillAsync(f, inside, "", SecretMark);
        // Their power is not disclosed to the public, so their unit has no public page (404, its name not disclosed).
        var o = await FillAsync(f, outside, OutsideMark, OutsideMark);
        // Something of the sibling unit that only the commission and admin may read.
        await (await f.As(inside.Users["commission"])).Post("/api/v1/complaints", new { orgUnitId = inside.U2, content = "反映国库支付" + SiblingMark })
            .Expect(HttpStatusCode.Created);
        return new MatrixWorld { In = i, Out = o };
    }

    public static async Task<Ids> FillAsync(AppFixture f, World w, string m, string secret)
    {
        var admin = f.Admin;
        var staff = await f.As(w.Users["staff"]);
        var office = await f.As(w.Users["party_office"]);
        var agency = await f.As(w.Users["agency"]);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "矩阵排查" + m, year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.C, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var lists = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var list = lists.Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        // A list someone other than its holder writes: 财务处's, else 卫健委's (schemes differ in the lists they ask for).
        var written = lists.Where(l => l.GetProperty("personId").ValueKind != JsonValueKind.Number).ToList();
        var deptList = (written.FirstOrDefault(l => l.GetProperty("orgUnitId").GetInt32() == w.D1) is { ValueKind: JsonValueKind.Object } d ? d
            : written.First(l => l.GetProperty("orgUnitId").GetInt32() == w.U1)).Id();
        var point = (await staff.Post($"/api/v1/lists/{list}/risk-points", new
        {
            categoryCode = "power", description = "资金拨付优亲厚友" + m, manifestation = "表现" + m, levelCode = "important",
            measures = new[] { new { text = "双人复核" + m } },
        }).Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await staff.Put($"/api/v1/lists/{list}/commitment", new { text = "本人承诺" + m, version = await staff.VersionAsync($"/api/v1/lists/{list}") }).Expect(HttpStatusCode.OK);

        var power = (await office.Post("/api/v1/powers", new { orgUnitId = w.U1, category = "Licensing", name = "执业许可" + m, basis = "依据" + m, disclosureScope = m.Length == 0 ? "Public" : "Internal" })
            .Expect(HttpStatusCode.Created)).Id();
        await office.Put($"/api/v1/powers/{power}/flow", new
        {
            steps = new object[] { new { key = "accept", name = "受理" + m, actor = "窗口" }, new { key = "decide", name = "决定" + m, actor = "分管领导" } },
            edges = new object[] { new { from = "accept", to = "decide" } },
            version = await office.PowerVersionAsync(power),
        }).Expect(HttpStatusCode.OK);

        var inspection = (await agency.Post("/api/v1/inspections", new { type = "Written", riskPointIds = new[] { point }, subject = "请说明" + m })
            .Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var finding = (await agency.Post($"/api/v1/inspections/{inspection}/findings", new
        {
            description = "拨付仅一人签字" + m, riskPointId = point,
            rectification = new { ownerOrgUnitId = w.D1, ownerPersonId = w.X1, task = "补签" + m, deadline = "2026-12-31" },
        }).Expect(HttpStatusCode.Created)).Id();
        var rect = (await agency.GetAsync("/api/v1/rectifications").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("findingId").GetInt64() == finding).GetProperty("id").GetInt64();
        var evidence = (await (await f.As(w.Users["dept_head"])).PostAsync($"/api/v1/rectifications/{rect}/evidence", Pdf("台账" + new string(m.Where(c => c is not ('"' or '\r' or '\n')).ToArray()) + ".pdf"))
            .Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var complaint = (await office.Post("/api/v1/complaints", new { orgUnitId = w.U1, riskPointId = point, content = "反映拨付问题" + m + PetitionMark, contactName = "举报人" + PetitionMark })
            .Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var disposition = (await agency.Post("/api/v1/dispositions", new { personId = w.X1, form = 1, measure = "谈话提醒", reason = "报销把关不严" + m, decidedOn = "2026-03-01" })
            .Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await staff.Post($"/api/v1/people/{w.X1}/integrity-file/entries", new { type = "Income", content = "本人年收入 187654 元" + secret }).Expect(HttpStatusCode.Created);
        var items = Enumerable.Range(0, 4).Select(k => new { score = k == 0 ? 20 : 25, gap = k == 0 ? "差距" + m : null }).ToArray();
        // 卫健委 ran longsheng-2012 the year before, whose standards its quarterly self-check follows
        await f.Observer.Post("/api/v1/campaigns", new { name = "上年排查" + m, year = 2025, schemeCode = "longsheng-2012", rootOrgUnitId = w.U1, deadline = "2025-12-31" })
            .Expect(HttpStatusCode.Created);
        var assessment = (await office.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = 2025, kind = "Quarterly", quarter = 1, items })
            .Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var letter = (await office.Post($"/api/v1/org-units/{w.U1}/responsibility-letters", new { personId = w.X1, year = 2026, duties = "落实一岗双责" + m, issuedBy = "张局", signedOn = "2026-01-05" })
            .Expect(HttpStatusCode.Created)).Id();
        var scheme = $"m{w.Tag[^6..]}";
        await office.Post("/api/v1/schemes", new { basedOn = "shaoxing-2018", code = scheme, name = "方案" + m, orgUnitId = w.U1 }).Expect(HttpStatusCode.Created);
        var staffUser = (await admin.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == w.Users["staff"]).Id();
        var rule = (await office.Post("/api/v1/internal-rules", new { campaignId = campaign, orgUnitId = w.D1, name = "《报销办法》" + m, change = "New",
            adoptedOn = "2026-03-01", riskPointIds = new[] { point } }).Expect(HttpStatusCode.Created)).Id();
        return new Ids(w, campaign, list, deptList, point, power, inspection, finding, rect, evidence, complaint, assessment, scheme, staffUser, letter, disposition, rule);
    }

    public static MultipartFormDataContent Pdf(string name) =>
        new() { { new ByteArrayContent("%PDF-1.4\n%矩阵\n"u8.ToArray()), "file", name } };
}

using System.Net;

namespace Lianfang.Web.Tests.Infrastructure;

/// <summary>
/// A commission of its own with two units, departments, an agency, posts, people and one account per role:
///   C 纪委 ─ U1 卫健委 ─ D1 财务处 (post P1, person X1)
///          │          └ D2 办公室
///          ├ U2 财政局 ─ D3 国库科 (post P2, person X2)
///          └ A 派驻组 (supervises U1)
/// </summary>
public sealed class World
{
    public required string Tag { get; init; }
    public int C, U1, U2, D1, D2, D3, A, P1, P2, X1, X2;
    public Dictionary<string, string> Users { get; } = [];

    /// <param name="mark">appended to every unit, post and person name, so a response can be searched for this world's data</param>
    /// <param name="siblingMark">appended to 财政局's unit, department, post and person (the sibling of 卫健委)</param>
    public static async Task<World> CreateAsync(AppFixture f, string label, string mark = "", string siblingMark = "")
    {
        var w = await CreateAsync(f.Admin, f.Security, label, mark, siblingMark);
        await f.Security.Post($"/api/v1/users/{f.ObserverId}/grants", new { role = "commission", orgUnitId = w.C }).Expect(HttpStatusCode.Created);
        return w;
    }

    /// <summary>The same world through any system and security administrators' clients (e.g. of an app running as a process).</summary>
    public static async Task<World> CreateAsync(HttpClient admin, HttpClient security, string label, string mark = "", string siblingMark = "")
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var tag = $"{label}{id}";
        async Task<int> Unit(string name, string kind, int? parent, int[]? supervises = null) =>
            (await admin.Post("/api/v1/org-units", new { name, kind, parentId = parent, supervises }).Expect(HttpStatusCode.Created)).Id();
        var w = new World { Tag = tag };
        w.C = await Unit($"{tag}纪委监委", "Commission", null);
        w.U1 = await Unit("卫健委" + mark, "Unit", w.C);
        w.U2 = await Unit("财政局" + mark + siblingMark, "Unit", w.C);
        w.D1 = await Unit("财务处" + mark, "Department", w.U1);
        w.D2 = await Unit("办公室" + mark, "Department", w.U1);
        w.D3 = await Unit("国库科" + mark + siblingMark, "Department", w.U2);
        w.A = await Unit("派驻组" + mark, "Agency", w.C, [w.U1]);
        w.P1 = (await admin.Post("/api/v1/posts", new { orgUnitId = w.D1, name = "会计" + mark, tier = "Other", duties = "会计核算" }).Expect(HttpStatusCode.Created)).Id();
        w.P2 = (await admin.Post("/api/v1/posts", new { orgUnitId = w.D3, name = "国库科科长" + mark + siblingMark, tier = "Middle", duties = "国库支付" }).Expect(HttpStatusCode.Created)).Id();
        w.X1 = (await admin.Post("/api/v1/people", new { name = "王芳" + mark, title = "科员", orgUnitId = w.D1, postId = w.P1 }).Expect(HttpStatusCode.Created)).Id();
        w.X2 = (await admin.Post("/api/v1/people", new { name = "吴军" + mark + siblingMark, title = "科长", orgUnitId = w.D3, postId = w.P2 }).Expect(HttpStatusCode.Created)).Id();

        async Task User(string role, int unit, int? person = null)
        {
            var name = $"t{id}.{role}";
            await Accounts.CreateAsync(admin, security, new { userName = name, password = LianfangApp.Password, personId = person, displayName = mark.Length > 0 ? role + mark : null, grants = new[] { new { role, orgUnitId = unit } } })
                .Expect(HttpStatusCode.Created);
            w.Users[role] = name;
        }
        await User("staff", w.D1, w.X1);
        await User("dept_head", w.D1);
        await User("leader_in_charge", w.D1);
        await User("principal", w.U1);
        await User("party_office", w.U1);
        await User("agency", w.A);
        await User("commission", w.C);
        await User("helper", w.U1);
        await User("admin", w.C);
        await User("security_admin", w.C);
        await User("auditor", w.C);
        return w;
    }
}

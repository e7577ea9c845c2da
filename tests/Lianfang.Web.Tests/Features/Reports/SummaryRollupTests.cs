using System.Net;
using System.Text.Json;
using Lianfang.Core.Register;
using Lianfang.Web.Features.Reports;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Features.Reports;

/// <summary>
/// The 汇总表 rollups (issue 18) against a recount: random sequences of the real writes — points added, rewritten and
/// deleted, lists submitted, approved at every stage (the 审定 levels set at random), returned, reopened and published, in
/// two campaigns — each followed by verify-rollups over the whole database and by the 汇总表 API compared with the points
/// counted one by one, for a caller the rollup answers and for one it does not (a staff member reads only their own lists).
/// </summary>
public abstract class SummaryRollupTests(Db db, ITestOutputHelper log)
{
    private sealed record ListRef(int Id, int Campaign, string Writer, bool Unit);

    /// <summary>What a point adds to the 汇总表, read from its content (not from the tallies the rollup adds up).</summary>
    private sealed record Counted(int OrgUnitId, int? Holder, string Category, string Level, int Measures, int Methods);

    private static readonly string[] Categories = ["decision", "conduct", "power", "post", "system", "mechanism", "other"];
    private static readonly string[] Levels = ["important", "general"];
    private static readonly string[] Methods = ["查阅资料", "实地走访", "座谈约谈", "民主评议"];

    [Fact]
    public async Task Random_writes_keep_the_rollups_equal_to_a_recount_and_the_summary_equal_to_the_points()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LIANFANG_ROLLUP_SEED"), out var given) ? given : Random.Shared.Next();
        var rng = new Random(seed);
        var trail = new List<string>();
        string Where() => $"seed {seed} (LIANFANG_ROLLUP_SEED), after: {string.Join(" → ", trail.TakeLast(12))}";

        // An app of its own: verify-rollups reads the whole database, and other tests set lists' states behind the app's back.
        AppFixture f = db == Db.Sqlite ? new SqliteFixture() : new PostgresFixture();
        await f.InitializeAsync();
        try
        {
            var w = await World.CreateAsync(f, "累计");
            await WrittenList.LeaderAsync(f, w);
            // 出纳李明 of 财务处 with an account: a second post list in the same department
            var (cashier, cashierUser) = await Cashier.AddAsync(f, w);
            var office = await f.As(w.Users["party_office"]);

            var lists = new List<ListRef>();
            var campaigns = new List<int>();
            async Task OpenAsync(int year, int? from)
            {
                var c = (await office.Post("/api/v1/campaigns", new { name = $"{year}年度排查", year, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1,
                    deadline = $"{year}-12-31", carryForwardFromCampaignId = from }).Expect(HttpStatusCode.Created)).Id();
                campaigns.Add(c);
                foreach (var l in (await f.Observer.GetAsync($"/api/v1/campaigns/{c}/lists").Expect(HttpStatusCode.OK)).EnumerateArray())
                {
                    var person = l.GetProperty("personId").ValueKind == JsonValueKind.Number ? l.GetProperty("personId").GetInt32() : (int?)null;
                    var writer = person == w.X1 ? w.Users["staff"] : person == cashier ? cashierUser
                        : l.GetProperty("orgUnitId").GetInt32() == w.U1 && person is null ? w.Users["party_office"] : null;
                    if (writer is not null) lists.Add(new ListRef(l.Id(), c, writer, person is null));
                }
            }

            async Task<JsonElement> StateAsync(ListRef l) => await f.Observer.GetAsync($"/api/v1/lists/{l.Id}").Expect(HttpStatusCode.OK);

            object Point(string description, int? version = null) => new
            {
                categoryCode = rng.Pick(Categories), description, levelCode = rng.Pick(Levels), elementsChecked = true, version,
                measures = Enumerable.Range(1, 1 + rng.Next(3)).Select(i => new { text = $"措施{i}：双人复核" }).ToArray(),
                supervision = new { basis = "《廉洁风险防控实施办法》", focus = "审批程序", methods = Methods.OrderBy(_ => rng.Next()).Take(1 + rng.Next(Methods.Length)).ToArray() },
                responsible = WrittenList.Responsible,
            };

            // One write on a list, chosen among those its state allows; forward only: toward approval.
            async Task StepAsync(ListRef l, bool forward = false)
            {
                var state = await StateAsync(l);
                var points = state.GetProperty("riskPoints").EnumerateArray().ToList();
                var writer = await f.As(l.Writer);
                switch (state.GetProperty("status").GetString())
                {
                    case "Draft" or "Returned":
                        string[] acts = points.Count == 0 ? ["add"] : forward ? ["submit"]
                            : points.Count == 1 ? ["add", "add", "edit", "submit", "submit"] : ["add", "edit", "edit", "delete", "submit", "submit", "submit"];
                        var act = rng.Pick(acts);
                        var target = points.Count > 0 ? rng.Pick(points) : default;
                        trail.Add($"{l.Id}:{act}");
                        if (act == "add")
                            await writer.Post($"/api/v1/lists/{l.Id}/risk-points", Point($"风险点{Guid.NewGuid():N}")).Expect(HttpStatusCode.Created);
                        else if (act == "edit")
                            await writer.Put($"/api/v1/lists/{l.Id}/risk-points/{target.GetProperty("id").GetInt64()}",
                                Point(target.GetProperty("description").GetString()!, target.GetProperty("version").GetInt32())).Expect(HttpStatusCode.OK);
                        else if (act == "delete")
                            await writer.DeleteAsync($"/api/v1/lists/{l.Id}/risk-points/{target.GetProperty("id").GetInt64()}").Expect(HttpStatusCode.NoContent);
                        else
                            await writer.PostAsync($"/api/v1/lists/{l.Id}/submit", null).Expect(HttpStatusCode.OK);
                        break;
                    case "InReview":
                        var stage = state.GetProperty("stage").GetString()!;
                        var actor = await f.As(w.Users[stage switch
                        {
                            "dept_head" => "dept_head", "leader" => "leader_in_charge", "principal" => "principal", "agency" => "agency", "helpers" => "party_office",
                            _ => throw new InvalidOperationException($"stage {stage}"),
                        }]);
                        if (!forward && rng.Next(5) == 0)
                        {
                            trail.Add($"{l.Id}:return@{stage}");
                            await actor.Post($"/api/v1/lists/{l.Id}/review", new { decision = "return", comment = "请补充表现形式" }).Expect(HttpStatusCode.OK);
                            break;
                        }
                        if (stage == "helpers")
                        {
                            // 代表帮查 and 纪检监察机构协查 are heard before the party office closes the stage
                            await office.Post($"/api/v1/lists/{l.Id}/invitations", new { userName = w.Users["helper"] }).Expect(HttpStatusCode.Created);
                            await (await f.As(w.Users["helper"])).Post($"/api/v1/lists/{l.Id}/comments", new { comment = "建议细化措施" }).Expect(HttpStatusCode.Created);
                            await (await f.As(w.Users["agency"])).Post($"/api/v1/lists/{l.Id}/comments", new { comment = "无补充" }).Expect(HttpStatusCode.Created);
                        }
                        // 审定 at 主要领导把关: some points get an approved level, at random
                        var levels = stage == "principal"
                            ? points.Where(_ => rng.Next(2) == 0).Select(p => new { pointId = p.GetProperty("id").GetInt64(), levelCode = rng.Pick(Levels), reason = "结合职权复核" }).ToArray()
                            : null;
                        trail.Add($"{l.Id}:approve@{stage}{(levels is { Length: > 0 } ? $"+{levels.Length} levels" : "")}");
                        await actor.Post($"/api/v1/lists/{l.Id}/review", new { decision = "approve", comment = "同意", stage, levels, checkedItems = WrittenList.FiveItems })
                            .Expect(HttpStatusCode.OK);
                        break;
                    case var approved:
                        if (forward) break;
                        var today = f.App.Today;
                        if (rng.Next(approved == "Approved" ? 2 : 4) == 0)
                        {
                            trail.Add($"{l.Id}:publish");
                            await office.Post($"/api/v1/lists/{l.Id}/publish", new { from = today, until = today.AddDays(7) }).Expect(HttpStatusCode.OK);
                        }
                        else
                        {
                            trail.Add($"{l.Id}:reopen");
                            await office.Post($"/api/v1/lists/{l.Id}/reopen", new { comment = "岗位职责调整" }).Expect(HttpStatusCode.OK);
                        }
                        break;
                }
            }

            // The rollups equal a recount, and the 汇总表 equals the points counted one by one.
            async Task CheckAsync()
            {
                var (_, differences, signers) = await f.App.WithDbAsync(d => SummaryRollups.VerifyAsync(d, default));
                Assert.True(differences.Count == 0 && signers.Count == 0, $"{Where()}: {string.Join("; ", differences.Concat<object>(signers))}");
                foreach (var c in campaigns)
                {
                    var points = await f.App.WithDbAsync(async d => (await d.RiskPoints.AsNoTracking().Include(p => p.List).Where(p => p.CampaignId == c).ToListAsync())
                        .Where(p => p.List.Status is ListStatus.Approved or ListStatus.Published)
                        .Select(p => new Counted(p.OrgUnitId, p.List.HolderPersonId, p.CategoryCode, p.ApprovedLevelCode ?? p.LevelCode, p.Measures.Count, p.Supervision.Methods?.Count ?? 0))
                        .ToList());
                    // the party office of 卫健委 (the rollup): a row per department and 本级
                    var unit = await office.GetAsync($"/api/v1/reports/summary?orgUnitId={w.U1}&campaignId={c}").Expect(HttpStatusCode.OK);
                    Same("卫健委", points, unit);
                    var rows = unit.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("label").GetString()!);
                    Same("财务处", points.Where(p => p.OrgUnitId == w.D1).ToList(), rows["财务处"]);
                    Same("办公室", points.Where(p => p.OrgUnitId == w.D2).ToList(), rows["办公室"]);
                    var own = points.Where(p => p.OrgUnitId == w.U1).ToList();
                    if (rows.TryGetValue("卫健委（本级）", out var ownRow)) Same("卫健委（本级）", own, ownRow);
                    else Assert.True(own.Count == 0, $"{Where()}: no 本级 row for {own.Count} points");
                    // participants: the holders of approved lists and everyone who signed one, each person once a row and once in all
                    var people = await ParticipantsAsync(c);
                    void SameParticipants(string what, Func<int, bool> inRow, JsonElement figures)
                    {
                        var expected = people.Where(x => inRow(x.Unit)).Select(x => x.Key).Distinct().Count();
                        Assert.True(expected == figures.GetProperty("participants").GetInt32(),
                            $"{what}: {figures.GetProperty("participants")} participants ≠ recount {expected}; {Where()}");
                    }
                    SameParticipants("卫健委", _ => true, unit);
                    SameParticipants("财务处", u => u == w.D1, rows["财务处"]);
                    SameParticipants("办公室", u => u == w.D2, rows["办公室"]);
                    if (ownRow.ValueKind == JsonValueKind.Object) SameParticipants("卫健委（本级）", u => u == w.U1, ownRow);
                    // the commission above the campaign's root (the rollup of an ancestor)
                    var above = await f.Observer.GetAsync($"/api/v1/reports/summary?orgUnitId={w.C}&campaignId={c}").Expect(HttpStatusCode.OK);
                    Same("纪委监委", points, above);
                    Same("纪委监委/卫健委", points, above.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("label").GetString() == "卫健委"));
                    // 王芳 (staff) reads her own lists only: counted from the points she may read, not the rollup
                    var staff = await (await f.As(w.Users["staff"])).GetAsync($"/api/v1/reports/summary?orgUnitId={w.D1}&campaignId={c}").Expect(HttpStatusCode.OK);
                    Same("王芳", points.Where(p => p.Holder == w.X1).ToList(), staff);
                }
            }

            // (unit of the list, person) of every approved list's holder and signer, counted here one by one: a person by
            // their id, an account without a person by the account
            async Task<List<(int Unit, string Key)>> ParticipantsAsync(int campaign) => await f.App.WithDbAsync(async d =>
            {
                var approved = await d.RiskLists.AsNoTracking()
                    .Where(l => l.CampaignId == campaign && (l.Status == ListStatus.Approved || l.Status == ListStatus.Published))
                    .Select(l => new { l.Id, l.OrgUnitId, l.HolderPersonId }).ToListAsync();
                var ids = approved.Select(l => l.Id).ToList();
                var signatures = await d.Reviews.AsNoTracking().Where(r => ids.Contains(r.ListId) && r.VerificationCode != null)
                    .Select(r => new { r.ListId, r.UserId }).ToListAsync();
                var persons = await d.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.PersonId);
                var unitOf = approved.ToDictionary(l => l.Id, l => l.OrgUnitId);
                return approved.Where(l => l.HolderPersonId != null).Select(l => (l.OrgUnitId, "p" + l.HolderPersonId))
                    .Concat(signatures.Select(x => (unitOf[x.ListId], persons.GetValueOrDefault(x.UserId) is { } p ? "p" + p : "u" + x.UserId)))
                    .Distinct().ToList();
            });

            void Same(string what, IReadOnlyCollection<Counted> points, JsonElement figures)
            {
                var cells = figures.GetProperty("byCategoryAndLevel").EnumerateArray().Where(x => x.GetProperty("count").GetInt32() > 0)
                    .Select(x => $"{x.GetProperty("categoryCode").GetString()}/{x.GetProperty("levelCode").GetString()}={x.GetProperty("count").GetInt32()}").Order();
                var expected = points.GroupBy(p => $"{p.Category}/{p.Level}").Select(g => $"{g.Key}={g.Count()}").Order();
                Assert.True(cells.SequenceEqual(expected), $"{what}: {string.Join(",", cells)} ≠ recount {string.Join(",", expected)}; {Where()}");
                Assert.True(points.Count == figures.GetProperty("points").GetInt32(), $"{what}: {figures.GetProperty("points")} points ≠ recount {points.Count}; {Where()}");
                if (figures.TryGetProperty("measures", out var measures))
                    Assert.True((points.Sum(p => p.Measures), points.Sum(p => p.Methods)) == (measures.GetInt32(), figures.GetProperty("supervisionMethods").GetInt32()),
                        $"{what}: measures/methods {measures}/{figures.GetProperty("supervisionMethods")} ≠ recount {points.Sum(p => p.Measures)}/{points.Sum(p => p.Methods)}; {Where()}");
            }

            // every list through to approval, so each is counted
            async Task ApproveAllAsync()
            {
                foreach (var l in lists)
                {
                    for (var guard = 0; guard < 12 && (await StateAsync(l)).GetProperty("status").GetString() is not ("Approved" or "Published"); guard++)
                    {
                        await StepAsync(l, forward: true);
                        await CheckAsync();
                    }
                    Assert.Contains((await StateAsync(l)).GetProperty("status").GetString(), new[] { "Approved", "Published" });
                }
            }

            await OpenAsync(2025, null);
            Assert.Equal(3, lists.Count); // 王芳's and 李明's post lists in 财务处, 卫健委's own list
            // random writes while the lists are written and reviewed, then once all are approved (reopen, publish, review again)
            for (var i = 0; i < 70; i++)
            {
                if (i == 20)
                {
                    await OpenAsync(2026, campaigns[0]); // 动态排查: last year's points carried into this year's drafts
                    trail.Add("campaign 2026");
                }
                if (i == 45)
                {
                    await ApproveAllAsync();
                    trail.Add("all approved");
                }
                await StepAsync(rng.Pick(lists));
                await CheckAsync();
            }
            await ApproveAllAsync();
            log.WriteLine($"seed {seed}: {string.Join(" → ", trail)}");

            // The command, as an operator runs it against the database: nothing to report.
            var dir = Directory.CreateTempSubdirectory("lianfang-rollups").FullName;
            var settings = AppProcess.Settings(db, db == Db.Sqlite ? f.App.DatabaseFile! : f.App.ConnectionString);
            var (code, output) = await AppProcess.RunAsync(dir, settings, "verify-rollups");
            Assert.True(code == 0 && output.Contains("汇总表累计数与风险点一致"), output);

            // A row changed behind the app's back is named with both figures, and --rebuild counts it again.
            await f.App.WithDbAsync(d => d.Database.ExecuteSqlAsync($"UPDATE \"SummaryRollups\" SET \"Points\" = \"Points\" + 1 WHERE \"OrgUnitId\" = {w.D1}"));
            (code, output) = await AppProcess.RunAsync(dir, settings, "verify-rollups");
            Assert.True(code == 2 && output.Contains($"机构 {w.D1} 财务处") && output.Contains("重新计数"), output);
            (code, output) = await AppProcess.RunAsync(dir, settings, "verify-rollups", "--rebuild");
            Assert.True(code == 0 && output.Contains("已按风险点重建汇总表累计数"), output);
            await CheckAsync();

            // So is a signer row taken away behind the app's back: the account the recount still finds.
            var gone = await f.App.WithDbAsync(d => d.SignerRollups.AsNoTracking().FirstAsync(r => r.OrgUnitId == w.D1));
            await f.App.WithDbAsync(d => d.SignerRollups.Where(r => r.CampaignId == gone.CampaignId && r.OrgUnitId == gone.OrgUnitId && r.UserId == gone.UserId)
                .ExecuteDeleteAsync());
            (code, output) = await AppProcess.RunAsync(dir, settings, "verify-rollups");
            Assert.True(code == 2 && output.Contains($"机构 {w.D1} 财务处 账号 {gone.UserId}：重新计数为签字人，没有保存"), output);
            (code, output) = await AppProcess.RunAsync(dir, settings, "verify-rollups", "--rebuild");
            Assert.True(code == 0, output);
            await CheckAsync();
            Directory.Delete(dir, true);
        }
        finally
        {
            await f.DisposeAsync();
        }
    }
}

/// <summary>Approvals landing at the same moment in one department (the shared app: only this test's campaign is recounted).</summary>
public abstract class SummaryRollupConcurrencyTests(AppFixture f)
{
    [Fact]
    public async Task Two_lists_of_one_department_approved_at_once_are_both_counted()
    {
        var w = await World.CreateAsync(f, "同时审定");
        await WrittenList.LeaderAsync(f, w);
        var (cashier, cashierUser) = await Cashier.AddAsync(f, w);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var lists = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Where(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number).ToDictionary(l => l.GetProperty("personId").GetInt32(), l => l.Id());
        foreach (var (person, user) in new[] { (w.X1, w.Users["staff"]), (cashier, cashierUser) })
        {
            var writer = await f.As(user);
            await writer.Post($"/api/v1/lists/{lists[person]}/risk-points", WrittenList.Point("power", $"资金拨付中优亲厚友（{person}）", "important")).Expect(HttpStatusCode.Created);
            await writer.Post($"/api/v1/lists/{lists[person]}/risk-points", WrittenList.Point("conduct", $"报销把关不严（{person}）", "general")).Expect(HttpStatusCode.Created);
            await writer.PostAsync($"/api/v1/lists/{lists[person]}/submit", null).Expect(HttpStatusCode.OK);
            foreach (var role in WrittenList.Reviewers.SkipLast(1))
                await (await f.As(w.Users[role])).Post($"/api/v1/lists/{lists[person]}/review", WrittenList.Approve()).Expect(HttpStatusCode.OK);
        }

        // the agency's final approvals of both, at once: each recount must see the other's once it has committed
        var agency = await f.As(w.Users["agency"]);
        await Task.WhenAll(lists.Values.Select(id => agency.Post($"/api/v1/lists/{id}/review", WrittenList.Approve()).Expect(HttpStatusCode.OK)));

        var (_, differences, signers) = await f.App.WithDbAsync(d => SummaryRollups.VerifyAsync(d, default, campaign));
        Assert.True(differences.Count == 0 && signers.Count == 0, string.Join("; ", differences.Concat<object>(signers)));
        var summary = await f.Observer.GetAsync($"/api/v1/reports/summary?orgUnitId={w.U1}&campaignId={campaign}").Expect(HttpStatusCode.OK);
        Assert.Equal(4, summary.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("label").GetString() == "财务处").GetProperty("points").GetInt32());
    }
}

[Collection("sqlite")] public sealed class SummaryRollupConcurrencyTests_Sqlite(SqliteFixture f) : SummaryRollupConcurrencyTests(f);
[Collection("postgres")] public sealed class SummaryRollupConcurrencyTests_Postgres(PostgresFixture f) : SummaryRollupConcurrencyTests(f);

internal static class RandomPick
{
    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}

[Collection("sqlite")] public sealed class SummaryRollupTests_Sqlite(ITestOutputHelper output) : SummaryRollupTests(Db.Sqlite, output);
[Collection("postgres")] public sealed class SummaryRollupTests_Postgres(ITestOutputHelper output) : SummaryRollupTests(Db.Postgres, output);

/// <summary>出纳李明 of 财务处 with a staff account: a second post list in the world's department.</summary>
file static class Cashier
{
    public static async Task<(int Person, string User)> AddAsync(AppFixture f, World w)
    {
        var post = (await f.Admin.Post("/api/v1/posts", new { orgUnitId = w.D1, name = "出纳", tier = "Other", duties = "现金收付" }).Expect(HttpStatusCode.Created)).Id();
        var person = (await f.Admin.Post("/api/v1/people", new { name = "李明", title = "科员", orgUnitId = w.D1, postId = post }).Expect(HttpStatusCode.Created)).Id();
        var user = $"c{w.Tag[^6..]}.cashier";
        await f.CreateUser(new { userName = user, password = LianfangApp.Password, personId = person, grants = new[] { new { role = "staff", orgUnitId = w.D1 } } })
            .Expect(HttpStatusCode.Created);
        return (person, user);
    }
}

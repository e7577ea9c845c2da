using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Features.Data;

/// <summary>
/// kill -9 in the middle of work: a large import, racing review decisions and exports, all at once. After a restart
/// on the same database there is no half-imported list, every list's state follows from its review records, and the
/// audit chain verifies. The first round lets the import answer before the kill, so a committed import is seen to
/// survive whole; the later rounds kill while the import is in flight, at a fraction of the time the first one took.
/// </summary>
public abstract class KillTests(Db db, ITestOutputHelper log)
{
    private const int Rows = 1500, Rounds = 3;
    private static readonly string[] PostStages = ["dept_head", "leader", "principal", "agency"];
    private static readonly string[] Reviewers = ["dept_head", "leader_in_charge", "principal", "agency"];

    [Fact]
    public async Task Killed_while_importing_reviewing_and_exporting_the_app_restarts_with_whole_imports_consistent_reviews_and_an_intact_audit_chain()
    {
        var dir = Directory.CreateTempSubdirectory("lianfang-kill").FullName;
        var pgDatabase = $"lianfang_k_{Guid.NewGuid():N}";
        string database;
        if (db == Db.Sqlite) database = Path.Combine(dir, "lianfang.db");
        else
        {
            PostgresTools.Execute($"CREATE DATABASE \"{pgDatabase}\"");
            database = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = pgDatabase }.ToString();
        }
        var settings = AppProcess.Settings(db, database);
        var xlsx = BigList();
        var rng = new Random();
        var imports = new Dictionary<int, int>(); // list → points it had after the restart that followed its round
        var reviewed = new List<int>();
        TimeSpan? importTook = null;
        int completed = 0, inFlightLeftNone = 0, inFlight = 0;
        var app = await AppProcess.StartAsync(dir, settings);
        try
        {
            var tokens = new Dictionary<string, string>
            {
                ["admin"] = await TokenAsync(app, "admin", LianfangApp.AdminPassword), ["secadmin"] = await TokenAsync(app, "secadmin", LianfangApp.AdminPassword),
                ["auditor"] = await TokenAsync(app, "auditor", LianfangApp.AdminPassword),
            };
            var w = await World.CreateAsync(app.Client(tokens["admin"]), app.Client(tokens["secadmin"]), "断电");
            await Review.WrittenList.LeaderAsync(app.Client(tokens["admin"]), w);
            foreach (var role in (string[])["staff", "party_office", .. Reviewers])
                tokens[role] = await TokenAsync(app, w.Users[role], LianfangApp.Password);

            for (var round = 0; round < Rounds; round++)
            {
                // Tokens outlive a restart: the Data Protection keys are in the database.
                HttpClient As(string role) => app.Client(tokens[role]);
                var campaign = (await As("party_office").Post("/api/v1/campaigns", new { name = $"第{round + 1}轮", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
                    .Expect(HttpStatusCode.Created)).Id();
                var lists = (await As("party_office").GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
                var unitList = lists.Single(l => l.GetProperty("scope").GetString() == "Unit").Id();
                var ownList = lists.Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
                reviewed.Add(ownList);
                for (var i = 0; i < 3; i++)
                    await As("staff").Post($"/api/v1/lists/{ownList}/risk-points", Review.WrittenList.Point("power", $"资金拨付风险{i}", "general"))
                        .Expect(HttpStatusCode.Created);

                using var stop = new CancellationTokenSource();
                var underway = new TaskCompletionSource();
                var review = Swallow(ReviewLoopAsync(As, ownList, rng.Next(), underway, stop.Token));
                var export = Swallow(ExportLoopAsync(As, ownList, w.X1, stop.Token));
                // The import starts once decisions are being made, so every kill also lands among them.
                await underway.Task.WaitAsync(TimeSpan.FromSeconds(30));
                var clock = Stopwatch.StartNew();
                var import = FormsWorld.Upload(As("party_office"), unitList, xlsx, "单位清单.xlsx");
                var work = new[] { Swallow(import), review, export };
                string when;
                if (importTook is null)
                {
                    // Completed: the import answers first; the kill then lands among the decisions and exports.
                    var done = await import.WaitAsync(TimeSpan.FromSeconds(60));
                    importTook = clock.Elapsed;
                    Assert.True(done.StatusCode == HttpStatusCode.OK, $"round {round + 1}: import answered {(int)done.StatusCode} {await done.Content.ReadAsStringAsync()}");
                    Assert.Equal(Rows, (await done.Json()).GetProperty("imported").GetInt32());
                    var delay = rng.Next(0, 1000);
                    await Task.Delay(delay);
                    when = $"{delay} ms after the import answered (it took {importTook.Value.TotalMilliseconds:F0} ms)";
                }
                else
                {
                    // In flight: early in the import in one round, nearer its middle in the next. Later imports tend to be
                    // quicker than the first (their process has already read 1,500-point lists), hence none past about half its time; one
                    // that still answers before the kill counts as completed.
                    var fraction = round % 2 == 1 ? 0.1 + rng.NextDouble() * 0.2 : 0.3 + rng.NextDouble() * 0.25;
                    await Task.Delay(importTook.Value * fraction);
                    when = $"at {fraction:P0} of the first import's time";
                }
                app.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(work);
                // A 200 left the server after the commit, so it was before the kill; a cut-off request fails on the client instead.
                var answer = import.IsCompletedSuccessfully ? await import : null;
                if (answer is not null && answer.StatusCode != HttpStatusCode.OK)
                    Assert.Fail($"round {round + 1}: import answered {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                var answered = answer is not null;

                app.Dispose();
                app = await AppProcess.StartAsync(dir, settings);
                foreach (var (list, had) in imports)
                    Assert.Equal(had, (await FormsWorld.PointsAsync(As("party_office"), list)).GetArrayLength());
                var count = (await FormsWorld.PointsAsync(As("party_office"), unitList)).GetArrayLength();
                if (answered) Assert.True(count == Rows, $"round {round + 1}: the import answered 200 before the kill, and after the restart the list has {count} of {Rows} points");
                else Assert.True(count is 0 or Rows, $"round {round + 1}: list {unitList} has {count} of {Rows} imported points");
                imports[unitList] = count;
                if (answered) completed++;
                else
                {
                    inFlight++;
                    if (count == 0) inFlightLeftNone++;
                }
                foreach (var list in reviewed) await AssertStateFollowsRecordsAsync(As("staff"), list);
                log.WriteLine($"round {round + 1}: killed {when}; import {(answered ? "had answered" : "in flight")}, {count} points after the restart; "
                    + $"{(await As("staff").GetAsync($"/api/v1/lists/{ownList}/history").Expect(HttpStatusCode.OK)).GetArrayLength()} review records");
                var chain = await As("auditor").PostAsync("/api/v1/audit/verify", null).Expect(HttpStatusCode.OK);
                Assert.True(chain.GetProperty("ok").GetBoolean(), chain.ToString());
            }
            Assert.True(completed >= 1, "no import was seen to complete before a kill");
            log.WriteLine($"{completed} import(s) completed before the kill and kept all {Rows} points; {inFlightLeftNone} of {inFlight} killed in flight left none"
                + (inFlightLeftNone < inFlight ? "; the others had committed, their answer cut off by the kill" : ""));
        }
        finally
        {
            app.Dispose();
        }
        try
        {
            var (code, output) = await AppProcess.RunAsync(dir, settings, "verify-audit");
            Assert.True(code == 0, output);
        }
        finally
        {
            Directory.Delete(dir, true);
            if (db == Db.Postgres)
            {
                NpgsqlConnection.ClearAllPools();
                PostgresTools.Execute($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)");
            }
        }
    }

    /// <summary>Everyone at once: the holder submits twice, all four reviewers approve twice, the agency sometimes returns.</summary>
    private static async Task ReviewLoopAsync(Func<string, HttpClient> As, int list, int seed, TaskCompletionSource underway, CancellationToken ct)
    {
        var rng = new Random(seed);
        while (!ct.IsCancellationRequested)
        {
            var status = (await As("staff").GetAsync($"/api/v1/lists/{list}", ct).Expect(HttpStatusCode.OK)).GetProperty("status").GetString();
            var calls = status switch
            {
                "Draft" or "Returned" => Enumerable.Range(0, 3).Select(_ => As("staff").PostAsync($"/api/v1/lists/{list}/submit", null, ct)),
                "InReview" => Reviewers.Concat(Reviewers).Select(r => As(r).Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()))
                    .Append(rng.Next(4) == 0 ? As("agency").Post($"/api/v1/lists/{list}/review", new { decision = "return", comment = "请补充措施" }) : Task.FromResult(new HttpResponseMessage())),
                _ => Enumerable.Range(0, 2).Select(_ => As("party_office").PostAsync($"/api/v1/lists/{list}/reopen", null, ct)),
            };
            var results = await Task.WhenAll(calls);
            if (results.Any(r => r.StatusCode == HttpStatusCode.OK && r.RequestMessage is not null)) underway.TrySetResult();
            foreach (var res in results)
                Assert.True((int)res.StatusCode is 0 or 200 or 403 or 409, $"{res.RequestMessage?.RequestUri}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>The list's form and the holder's integrity file (an export that is itself an audited read).</summary>
    private static async Task ExportLoopAsync(Func<string, HttpClient> As, int list, int person, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await As("staff").GetAsync($"/api/v1/lists/{list}/export?format=xlsx&form=annex1", ct).Expect(HttpStatusCode.OK);
            await As("agency").GetAsync($"/api/v1/people/{person}/integrity-file/export?format=xlsx", ct).Expect(HttpStatusCode.OK);
        }
    }

    /// <summary>
    /// Replays the current revision's records on the scheme's stages (submit → 处室负责人 → 分管领导 → 主要领导 → 派驻机构)
    /// and compares with the list: a decision recorded without its state change, or the reverse, fails here.
    /// </summary>
    private static async Task AssertStateFollowsRecordsAsync(HttpClient staff, int list)
    {
        var state = await staff.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK);
        var history = (await staff.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var revision = history.Count == 0 ? 0 : history.Max(r => r.GetProperty("revision").GetInt32());
        string status = "Draft";
        var stage = -1;
        foreach (var r in history.Where(r => r.GetProperty("revision").GetInt32() == revision))
        {
            var decision = r.GetProperty("decision").GetString();
            var at = r.GetProperty("stage").GetString();
            switch (decision)
            {
                case "Reopen": status = "Draft"; stage = -1; break;
                case "Submit":
                    Assert.True(status is "Draft" or "Returned", $"list {list}: submitted while {status}");
                    status = "InReview"; stage = 0; break;
                case "Approve":
                    Assert.True(status == "InReview" && at == PostStages[stage], $"list {list}: approval at {at} while {status}/{(stage >= 0 ? PostStages[stage] : "-")}");
                    stage++;
                    if (stage == PostStages.Length) { status = "Approved"; stage = -1; }
                    break;
                case "Return":
                    Assert.True(status == "InReview" && at == PostStages[stage], $"list {list}: return at {at} while {status}");
                    status = "Returned"; stage = -1; break;
            }
        }
        Assert.Equal(status, state.GetProperty("status").GetString());
        Assert.Equal(stage >= 0 ? PostStages[stage] : null, state.GetProperty("stage").GetString());
    }

    /// <summary>A unit's list as its party office fills in 附件1 in Excel, <see cref="Rows"/> rows long.</summary>
    private static byte[] BigList()
    {
        var sheet = new Corpus.Sheet("防控清单").Row(1, "单位廉洁风险防控清单").Row(2, "序号", "廉洁风险点描述", "防控措施", "监督检查路径", "风险等级", "相关责任人");
        for (var i = 1; i <= Rows; i++)
            sheet.Row(i + 2, $"{i}", $"第{i}项：重大经费支出未经集体研究决策", "1．提交党委会集体研究\n2．会议纪要存档备查", "查阅会议记录", i % 5 == 0 ? "重要" : "一般", "责任人员：王芳");
        return Corpus.Xlsx(sheet);
    }

    private static async Task<string> TokenAsync(AppProcess app, string user, string password)
    {
        using var anon = app.Client();
        return (await anon.Post("/api/v1/auth/token", new { userName = user, password }).Expect(HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Requests cut off by the kill fail on the client side; that is the point, not a test failure.</summary>
    private static async Task Swallow(Task task)
    {
        try { await task; }
        catch (HttpRequestException) { }
        catch (OperationCanceledException) { }
    }
}

[Collection("sqlite")] public sealed class KillTests_Sqlite(ITestOutputHelper log) : KillTests(Db.Sqlite, log);
[Collection("postgres")] public sealed class KillTests_Postgres(ITestOutputHelper log) : KillTests(Db.Postgres, log);

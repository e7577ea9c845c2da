using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lianfang.Web.Features.Supervision;
using Lianfang.Web.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Lianfang.Web.Tests.Deployment;

/// <summary>
/// Two app nodes on one PostgreSQL behind Debian's nginx on loopback (issue 22), as docs/operations.md's "Several app nodes"
/// describes: a sign-in on one node holds on the other, concurrent reviews, imports and exports across both lose and
/// double nothing, the warning sweep runs on one node at a time, the audit chain verifies afterwards, and the public
/// feedback limit counts each real client address (nginx is a known proxy; nobody else may claim an address).
/// </summary>
public sealed partial class TwoNodeTests(ITestOutputHelper output)
{
    private const string Password = "Lianfang-demo-2026";
    private const string Proxy = "127.0.0.5"; // nginx connects to the nodes from here (proxy_bind), the nodes trust only it

    [Fact]
    public async Task Two_nodes_behind_nginx_share_sign_ins_serialise_work_and_the_sweep_and_see_real_client_addresses()
    {
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
            : throw new InvalidOperationException("nginx is missing: scripts/ensure-test-deps.sh installs it (apt-get install nginx)");
        var dir = Directory.CreateTempSubdirectory("lianfang-nodes").FullName;
        await Sh.RunAsync("chmod", ["777", dir]); // nginx's workers (nobody) write their temp files here
        var database = $"lianfang_nodes_{Guid.NewGuid():N}";
        PostgresTools.Execute($"CREATE DATABASE \"{database}\"");
        var cs = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = database }.ToString();
        var settings = AppProcess.Settings(Db.Postgres, cs);
        settings["Lianfang__KnownProxies__0"] = Proxy;
        settings["Lianfang__Warnings__SweepMinutes"] = "0.05"; // every 3 s on each node
        settings["Lianfang__Warnings__FirstSweepSeconds"] = "1";
        settings["Logging__LogLevel__Lianfang.Web.Features.Supervision.WarningSweepService"] = "Information";
        settings["Lianfang__PublicPerMinute"] = "10000";
        // The sweep lock is taken before either node starts, so their first ticks find it held.
        await using var held = new NpgsqlConnection(cs);
        Process? proxy = null;
        try
        {
            await held.OpenAsync();
            await new NpgsqlCommand($"SELECT pg_advisory_lock({WarningSweep.SweepLock})", held).ExecuteNonQueryAsync();
            using var a = await AppProcess.StartAsync(Dir(dir, "a"), new(settings) { ["Lianfang__Demo"] = "true" });
            using var b = await AppProcess.StartAsync(Dir(dir, "b"), new(settings) { ["Database__MigrateOnStart"] = "false" });

            var port = AppProcess.FreePort();
            proxy = StartNginx(nginx, dir, port, a.Port, b.Port);
            var site = $"http://127.0.0.1:{port}";
            var nodes = new[] { $"127.0.0.1:{a.Port}", $"127.0.0.1:{b.Port}" };

            // 1. Signed in through nginx, the same cookie is served by both nodes; a token issued by one works on the other.
            using (var browser = Client(site, "127.0.0.2"))
            {
                await SignInAsync(browser, "demo.partyoffice");
                var servedBy = new HashSet<string>();
                for (var i = 0; i < 10; i++)
                {
                    var res = await browser.GetAsync("/Register");
                    Assert.Equal(HttpStatusCode.OK, res.StatusCode); // not led back to the sign-in page
                    servedBy.Add(res.Headers.GetValues("X-Node").Single());
                }
                Assert.Equal(nodes.Order(), servedBy.Order());
            }
            var token = await TokenAsync(a.Client(), "demo.staff");
            using (var onB = b.Client(token)) await onB.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK);

            // 2. Concurrent work through nginx, spread over both nodes.
            await ConcurrentWorkAsync(site, a, b);

            // 3. The sweep: while the lock is held elsewhere (since before the nodes started), both nodes skip their
            // ticks; released, they sweep one at a time.
            Assert.Contains("另一节点正在巡检", a.Output);
            Assert.Contains("另一节点正在巡检", b.Output);
            Assert.DoesNotContain("预警巡检完成", a.Output + b.Output);
            await new NpgsqlCommand($"SELECT pg_advisory_unlock({WarningSweep.SweepLock})", held).ExecuteNonQueryAsync();
            var sweeps = new List<(DateTime From, DateTime To, string Node)>();
            var until = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < until && (sweeps.Count < 6 || sweeps.Select(s => s.Node).Distinct().Count() < 2))
            {
                await Task.Delay(1000);
                sweeps = [.. Sweeps(a.Output, "a"), .. Sweeps(b.Output, "b")];
            }
            Assert.True(sweeps.Select(s => s.Node).Distinct().Count() == 2, $"sweeps: {string.Join(", ", sweeps)}");
            var ordered = sweeps.OrderBy(s => s.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i].From >= ordered[i - 1].To, $"two sweeps overlapped: {ordered[i - 1]} and {ordered[i]}");
            output.WriteLine($"{sweeps.Count} sweeps, none overlapping: {string.Join("; ", ordered.Select(s => $"{s.Node} {s.From:HH:mm:ss.fff}–{s.To:HH:mm:ss.fff}"))}");

            // 4. The public feedback limit (5 an hour) per real client address, through nginx.
            await FeedbackLimitAsync(site, a, b);

            // 5. The audit chain, written by both nodes, verifies.
            var auditor = await a.As("auditor", LianfangApp.AdminPassword);
            var chain = await auditor.PostAsync("/api/v1/audit/verify", null).Expect(HttpStatusCode.OK);
            Assert.True(chain.GetProperty("ok").GetBoolean(), chain.ToString());
            var (code, log) = await AppProcess.RunAsync(Dir(dir, "a"), settings, "verify-audit");
            Assert.True(code == 0, log);
        }
        finally
        {
            if (proxy is not null) { proxy.Kill(true); await proxy.WaitForExitAsync(); }
            await held.CloseAsync();
            NpgsqlConnection.ClearAllPools();
            PostgresTools.Execute($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            Directory.Delete(dir, true);
        }
    }

    /// <summary>
    /// Imports into one list and exports, from clients through nginx (round robin over both nodes): every import that
    /// answered 200 is in the list exactly once, the others were refused (409), exports work.
    /// </summary>
    private async Task ConcurrentWorkAsync(string site, AppProcess a, AppProcess b)
    {
        using var staff = Client(site, "127.0.0.3", await TokenAsync(a.Client(), "demo.staff"));
        var campaign = (await staff.GetAsync("/api/v1/campaigns").Expect(HttpStatusCode.OK))[0].Id();
        var own = (await staff.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("scope").GetString() is "Person" or "Post" && l.GetProperty("status").GetString() == "Draft").Id();
        var before = (await staff.GetAsync($"/api/v1/lists/{own}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").GetArrayLength();
        var xlsx = await staff.GetByteArrayAsync($"/api/v1/lists/{own}/export?format=xlsx");

        var nodes = new HashSet<string>();
        var imports = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(xlsx);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            form.Add(file, "file", "清单.xlsx");
            var res = await staff.PostAsync($"/api/v1/lists/{own}/import", form);
            lock (nodes) nodes.Add(res.Headers.GetValues("X-Node").Single());
            return (res.StatusCode, Body: await res.Content.ReadAsStringAsync());
        }));
        Assert.All(imports, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}: {r.Body}\n{Tail(a.Output)}\n{Tail(b.Output)}"));
        var imported = imports.Where(r => r.StatusCode == HttpStatusCode.OK).Sum(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("imported").GetInt32());
        Assert.True(imported > 0, "no import went through");
        var after = (await staff.GetAsync($"/api/v1/lists/{own}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").GetArrayLength();
        Assert.Equal(before + imported, after); // nothing lost, nothing twice

        var exports = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var res = await staff.GetAsync($"/api/v1/lists/{own}/export?format={(i % 2 == 0 ? "xlsx" : "docx")}");
            lock (nodes) nodes.Add(res.Headers.GetValues("X-Node").Single());
            return (res.StatusCode, Bytes: await res.Content.ReadAsByteArrayAsync());
        }));
        Assert.All(exports, e => Assert.True(e.StatusCode == HttpStatusCode.OK && e.Bytes is [0x50, 0x4B, ..], $"export: {e.StatusCode}"));
        Assert.Equal(2, nodes.Count);
        output.WriteLine($"imports: {imports.Count(r => r.StatusCode == HttpStatusCode.OK)} of 8 saved ({imported} points), the others 409; exports: 6 of 6");
    }

    /// <summary>Five feedback posts an hour per address: the sixth from one client is refused, another client (even one
    /// claiming the first's address in X-Forwarded-For) is not, and a forged header sent straight to a node is ignored.</summary>
    private static async Task FeedbackLimitAsync(string site, AppProcess a, AppProcess b)
    {
        var unit = await PublishDemoUnitListAsync(a, site);
        using var first = Client(site, "127.0.0.6");
        string? node = null;
        for (var i = 0; i < 5; i++)
        {
            var (status, by) = await SendFeedbackAsync(first, unit, $"第{i}条反映");
            Assert.Equal(HttpStatusCode.OK, status);
            node = by;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendFeedbackAsync(first, unit, "第六条")).Status);
        using var second = Client(site, "127.0.0.7");
        second.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.6"); // nginx appends the real address; the app takes that
        Assert.Equal(HttpStatusCode.OK, (await SendFeedbackAsync(second, unit, "另一位群众")).Status);
        // Straight to the node that counted 127.0.0.6, from an address that is not the proxy: the header is not believed.
        var counted = new[] { a, b }.Single(n => node == $"127.0.0.1:{n.Port}");
        using var direct = Client($"http://127.0.0.1:{counted.Port}", "127.0.0.8");
        direct.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.6");
        Assert.Equal(HttpStatusCode.OK, (await SendFeedbackAsync(direct, unit, "直连")).Status);
    }

    private static async Task<(HttpStatusCode Status, string? Node)> SendFeedbackAsync(HttpClient c, int unit, string content)
    {
        var page = await c.GetStringAsync($"/public/feedback?unit={unit}");
        var res = await c.PostAsync($"/public/feedback?unit={unit}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Content"] = content, ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        return (res.StatusCode, res.Headers.TryGetValues("X-Node", out var v) ? v.Single() : null);
    }

    /// <summary>
    /// 卫健委's unit list through shaoxing-2018's stages and published, so its public feedback page exists. Its 主要领导把关
    /// is decided six times at once through nginx (both nodes): one approval, five 409s, one record in the history.
    /// </summary>
    private static async Task<int> PublishDemoUnitListAsync(AppProcess app, string site)
    {
        var office = await app.As("demo.partyoffice", Password);
        var unit = (await office.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(u => u.GetProperty("name").GetString() == "示范市卫生健康委员会").Id();
        var campaign = (await office.GetAsync("/api/v1/campaigns").Expect(HttpStatusCode.OK))[0].Id();
        var list = (await office.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("scope").GetString() == "Unit" && l.GetProperty("orgUnitId").GetInt32() == unit).Id();
        var (helper, agency) = (await app.As("demo.helper", Password), await app.As("demo.agency", Password));
        await Must(office.Post($"/api/v1/lists/{list}/submit", new { comment = "提交审核" }));
        await Must(office.Post($"/api/v1/lists/{list}/invitations", new { userName = "demo.helper" }));
        await Must(helper.Post($"/api/v1/lists/{list}/comments", new { comment = "无补充" }));
        await Must(agency.Post($"/api/v1/lists/{list}/comments", new { comment = "协查：无补充" }));
        await Must(office.Post($"/api/v1/lists/{list}/review", new { decision = "approve", comment = "同意" }));

        using var principal = Client(site, "127.0.0.4", await TokenAsync(app.Client(), "demo.principal"));
        var nodes = new HashSet<string>();
        var decisions = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var res = await principal.PostAsJsonAsync($"/api/v1/lists/{list}/review", new { decision = "approve", comment = "同意", stage = "principal" });
            lock (nodes) nodes.Add(res.Headers.GetValues("X-Node").Single());
            return (res.StatusCode, Body: await res.Content.ReadAsStringAsync());
        }));
        Assert.Equal(2, nodes.Count);
        Assert.True(decisions.Count(d => d.StatusCode == HttpStatusCode.OK) == 1, string.Join("\n", decisions));
        Assert.All(decisions.Where(d => d.StatusCode != HttpStatusCode.OK), d => Assert.Equal(HttpStatusCode.Conflict, d.StatusCode));
        var history = await office.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK);
        Assert.Equal(1, history.EnumerateArray().Count(h => h.GetProperty("stage").GetString() == "principal" && h.GetProperty("decision").GetString() == "Approve"));

        await Must(agency.Post($"/api/v1/lists/{list}/review", new { decision = "approve", comment = "同意", checkedItems = new[] { "description", "measures", "supervision", "level", "responsible" } }));
        await Must(office.Post($"/api/v1/lists/{list}/publish", new { until = DateTime.Today.AddDays(300).ToString("yyyy-MM-dd") }));
        return unit;
    }

    private static Process StartNginx(string nginx, string dir, int port, int a, int b)
    {
        var conf = Path.Combine(dir, "nginx.conf");
        // The shipped site (deploy/nginx-lianfang.conf) without TLS: round robin for signed-in work, the rate-limited
        // anonymous pages kept on one node per client address; X-Node says which node answered.
        File.WriteAllText(conf, $$"""
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{dir}}/body; proxy_temp_path {{dir}}/proxy; fastcgi_temp_path {{dir}}/fcgi;
                uwsgi_temp_path {{dir}}/uwsgi; scgi_temp_path {{dir}}/scgi;
                upstream lianfang { server 127.0.0.1:{{a}}; server 127.0.0.1:{{b}}; keepalive 16; }
                upstream lianfang_by_client { hash $remote_addr consistent; server 127.0.0.1:{{a}}; server 127.0.0.1:{{b}}; keepalive 16; }
                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 12m;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_bind {{Proxy}};
                    add_header X-Node $upstream_addr always;
                    location / { proxy_pass http://lianfang; }
                    location ~ ^/(public|Verify|Account/Login|api/v1/auth/token|api/v1/verify) { proxy_pass http://lianfang_by_client; }
                }
            }
            """);
        var psi = new ProcessStartInfo(nginx, ["-c", conf, "-p", dir, "-g", "daemon off;"]) { UseShellExecute = false, RedirectStandardError = true };
        var p = Process.Start(psi)!;
        for (var i = 0; i < 100; i++)
        {
            if (p.HasExited) throw new InvalidOperationException($"nginx exited: {p.StandardError.ReadToEnd()}");
            try { using var t = new TcpClient(); t.Connect(IPAddress.Loopback, port); return p; }
            catch (SocketException) { Thread.Sleep(100); }
        }
        throw new TimeoutException("nginx did not listen");
    }

    /// <summary>Any success (200 or 201), else the failure with its body.</summary>
    private static async Task Must(Task<HttpResponseMessage> call)
    {
        var res = await call;
        Assert.True(res.IsSuccessStatusCode, $"{(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
    }

    private static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;

    private static string Dir(string root, string node) => Directory.CreateDirectory(Path.Combine(root, node)).FullName;

    /// <summary>A client whose connections come from <paramref name="from"/> (any 127.x address is loopback on Linux).</summary>
    private static HttpClient Client(string baseAddress, string from, string? token = null)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(), AllowAutoRedirect = false,
            ConnectCallback = async (ctx, ct) =>
            {
                var s = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                s.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                await s.ConnectAsync(ctx.DnsEndPoint, ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        var c = new HttpClient(handler) { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(120) };
        if (token is not null) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    private static async Task SignInAsync(HttpClient browser, string user)
    {
        var page = await browser.GetStringAsync("/Account/Login");
        var res = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user, ["Input.Password"] = Password, ["__RequestVerificationToken"] = Antiforgery(page), ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
    }

    private static async Task<string> TokenAsync(HttpClient c, string user)
    {
        using var _ = c;
        var res = await c.Post("/api/v1/auth/token", new { userName = user, password = Password }).Expect(HttpStatusCode.OK);
        return res.GetProperty("accessToken").GetString()!;
    }

    private static string Antiforgery(string page) => AntiforgeryToken().Match(page).Groups[1].Value;

    private static IEnumerable<(DateTime From, DateTime To, string Node)> Sweeps(string log, string node) =>
        SweepLine().Matches(log).Select(m => (DateTime.Parse(m.Groups[1].Value).ToUniversalTime(), DateTime.Parse(m.Groups[2].Value).ToUniversalTime(), node));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"预警巡检完成：[^（]*（(\S+) 至 (\S+)）")]
    private static partial Regex SweepLine();
}

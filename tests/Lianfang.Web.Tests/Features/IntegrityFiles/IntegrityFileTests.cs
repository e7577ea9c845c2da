using System.Net;
using System.Text;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.IntegrityFiles;

public abstract class IntegrityFileTests(AppFixture f)
{
    [Rules.RuleEffect(Lianfang.Core.Schemes.RuleKinds.DispositionToIntegrityFile)]
    [Fact]
    public async Task The_file_gathers_posts_points_dispositions_and_sealed_entries_for_exactly_the_person_agency_and_commission()
    {
        var s = await WrittenList.ApprovedAsync(f, "档案");
        var w = s.W;
        var staff = await f.As(w.Users["staff"]);
        var agency = await f.As(w.Users["agency"]);
        await staff.Post($"/api/v1/people/{w.X1}/integrity-file/entries", new { type = "Income", content = "本人年收入 187654 元，配偶年收入 96321 元" }).Expect(HttpStatusCode.Created);
        await staff.Post($"/api/v1/people/{w.X1}/integrity-file/entries", new { type = "OrganizationalHandling", content = "自己给自己记处理" }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["content"], (await staff.Post($"/api/v1/people/{w.X1}/integrity-file/entries", new { type = "PersonalMatter", content = " " })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await agency.Post("/api/v1/dispositions", new { personId = w.X1, form = 1, measure = "谈话提醒", reason = "报销把关不严" }).Expect(HttpStatusCode.Created);
        await agency.Post($"/api/v1/people/{w.X1}/integrity-file/entries", new { type = "OrganizationalHandling", content = "2026年调整岗位" }).Expect(HttpStatusCode.Created);

        var file = await agency.GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.OK);
        Assert.Equal("王芳", file.GetProperty("name").GetString());
        Assert.Equal("会计", file.GetProperty("posts")[0].GetProperty("post").GetString());
        Assert.Contains(file.GetProperty("riskPoints").EnumerateArray(), p => p.GetProperty("description").GetString() == "资金拨付中优亲厚友");
        Assert.Equal("谈话提醒", file.GetProperty("dispositions")[0].GetProperty("measure").GetString());
        Assert.Contains(file.GetProperty("entries").EnumerateArray(), e => e.GetProperty("content").GetString() == "本人年收入 187654 元，配偶年收入 96321 元");

        await staff.GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.OK);
        await (await f.As(w.Users["commission"])).GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.OK);
        foreach (var role in new[] { "party_office", "principal", "dept_head", "leader_in_charge", "helper" })
            await (await f.As(w.Users[role])).GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.NotFound);
        // no administrator, not even the one of the whole system, opens a 廉政档案 or its export
        foreach (var admin in new[] { f.Admin, await f.As(w.Users["admin"]) })
        {
            await admin.GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.NotFound);
            await admin.GetAsync($"/api/v1/people/{w.X1}/integrity-file/export?format=docx").Expect(HttpStatusCode.NotFound);
            await admin.Post($"/api/v1/people/{w.X1}/integrity-file/entries", new { type = "OrganizationalHandling", content = "管理员记录" }).Expect(HttpStatusCode.NotFound);
        }
        var other = await f.OtherWorldAsync();
        await (await f.As(other.Users["commission"])).GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.NotFound);
        await (await f.As(other.Users["staff"])).GetAsync($"/api/v1/people/{w.X1}/integrity-file").Expect(HttpStatusCode.NotFound);

        var word = await agency.GetAsync($"/api/v1/people/{w.X1}/integrity-file/export?format=docx");
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        var text = (await Forms.LibreOffice.ConvertAsync(Forms.LibreOffice.Text, "txt", new Dictionary<string, byte[]> { ["file.docx"] = await word.Content.ReadAsByteArrayAsync() }))["file.docx"];
        Assert.Contains("廉政档案", text);
        Assert.Contains("本人年收入 187654 元，配偶年收入 96321 元", text);
        Assert.Contains("第一种形态 · 谈话提醒", text);
        await (await f.As(w.Users["party_office"])).GetAsync($"/api/v1/people/{w.X1}/integrity-file/export").Expect(HttpStatusCode.NotFound);

        // every read (the export too) is in the audit trail, with who read whose file
        var reads = await f.App.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "Read" && e.EntityType == "IntegrityFile" && e.EntityId == w.X1.ToString())
            .Select(e => e.UserName).ToListAsync());
        Assert.Equal(4, reads.Count);
        Assert.Contains(w.Users["agency"], reads);
        await f.Auditor.PostAsync("/api/v1/audit/verify", null).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task No_plaintext_of_a_sealed_entry_reaches_the_database()
    {
        var w = await World.CreateAsync(f, "加密");
        var figure = $"年收入{Random.Shared.Next(100000, 999999)}元";
        await (await f.As(w.Users["staff"])).Post($"/api/v1/people/{w.X1}/integrity-file/entries", new { type = "Income", content = figure }).Expect(HttpStatusCode.Created);
        var stored = await f.App.WithDbAsync(db => db.IntegrityFileEntries.Where(e => e.PersonId == w.X1).Select(e => e.Sealed).SingleAsync());
        Assert.DoesNotContain(figure, stored);
        var audit = await f.App.WithDbAsync(db => db.AuditEvents.Where(e => e.EntityType == "IntegrityFileEntry").Select(e => e.Changes).ToListAsync());
        Assert.DoesNotContain(audit, c => c.Contains(figure));
        if (f.App.DatabaseFile is { } file)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await f.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)"));
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var ms = new MemoryStream();
                await stream.CopyToAsync(ms);
                var bytes = ms.ToArray();
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(figure)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(figure)));
            }
        }
    }
}

[Collection("sqlite")] public sealed class IntegrityFileTests_Sqlite(SqliteFixture f) : IntegrityFileTests(f);
[Collection("postgres")] public sealed class IntegrityFileTests_Postgres(PostgresFixture f) : IntegrityFileTests(f);

public abstract class IntegrityFilePageTests(AppFixture f)
{
    [Fact]
    public async Task The_person_declares_on_the_page_and_the_agency_reads_it_there()
    {
        var w = await World.CreateAsync(f, "档案页");
        var staff = await PageClient.LoginAsync(f, w.Users["staff"]);
        var page = await staff.GetAsync($"/IntegrityFiles/Person?id={w.X1}");
        Assert.DoesNotContain(page.QuerySelectorAll("#type option"), o => o.GetAttribute("value") == "OrganizationalHandling");
        var res = await staff.SubmitAsync($"/IntegrityFiles/Person?id={w.X1}", new() { ["type"] = "FamilyEmployment", ["content"] = "配偶在市医院工作" }, "#entry-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var agency = await PageClient.LoginAsync(f, w.Users["agency"]);
        Assert.Contains("配偶在市医院工作", PageClient.Text(await agency.GetAsync($"/IntegrityFiles/Person?id={w.X1}")));
        await (await PageClient.LoginAsync(f, w.Users["party_office"])).GetAsync($"/IntegrityFiles/Person?id={w.X1}", HttpStatusCode.NotFound);
    }
}

[Collection("sqlite")] public sealed class IntegrityFilePageTests_Sqlite(SqliteFixture f) : IntegrityFilePageTests(f);
[Collection("postgres")] public sealed class IntegrityFilePageTests_Postgres(PostgresFixture f) : IntegrityFilePageTests(f);

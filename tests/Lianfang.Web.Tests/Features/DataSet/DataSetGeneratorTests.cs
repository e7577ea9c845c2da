using System.Net;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Supervision;
using Lianfang.Web.Infrastructure.DataSet;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lianfang.Web.Tests.Features.DataSet;

/// <summary>The benchmark data set, two units large: what the app reads, passed through the real review, audited.</summary>
public abstract class DataSetGeneratorTests(Db db)
{
    [Fact]
    public async Task A_generated_data_set_reads_like_real_data_its_signatures_match_and_a_second_run_is_refused()
    {
        // a fixed day late in the year (the generated year is the app's current one): it has inspections, and rectifications verified before it
        using var app = new LianfangApp(db, time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero)));
        using var admin = app.CreateClient(); // starts the app: migrated, administrator created, nothing else
        using var scope = app.Services.CreateScope();
        var generator = scope.ServiceProvider.GetRequiredService<DataSetGenerator>();
        var report = await generator.GenerateAsync(new DataSetSize("test", 2), 7, _ => { }, CancellationToken.None);

        Assert.Equal((2, 40, 200, 202), ((int)report.Counts["units"], (int)report.Counts["departments"], (int)report.Counts["people"], (int)report.Counts["lists"]));
        Assert.InRange(report.Counts["riskPoints"], 900, 1100);

        var d = scope.ServiceProvider.GetRequiredService<Lianfang.Web.Data.AppDbContext>();
        Assert.Equal(report.Counts["riskPoints"], await d.RiskPoints.CountAsync());
        // Every signature of every approved list binds exactly its content, as after a real review.
        var approved = await d.RiskLists.AsNoTracking().Where(l => l.Status == ListStatus.Approved).OrderBy(l => l.Id).Take(20).ToListAsync();
        Assert.NotEmpty(approved);
        foreach (var list in approved)
        {
            var points = await d.RiskPoints.AsNoTracking().Where(p => p.ListId == list.Id).ToListAsync();
            var signatures = await d.Reviews.AsNoTracking().Where(r => r.ListId == list.Id && r.VerificationCode != null).ToListAsync();
            Assert.True(signatures.Count >= 2);
            Assert.All(signatures, s => Assert.Equal(ListContent.Hash(list, points), s.ContentHash));
        }
        // rows made through their constructors and methods carry the times of the generated year, not the time of the run
        Assert.Equal(new DateTime(2026, 3, 1, 1, 0, 0), (await d.Campaigns.AsNoTracking().SingleAsync()).CreatedAt);
        Assert.All(await d.PostAssignments.AsNoTracking().OrderBy(a => a.Id).Take(50).ToListAsync(), a => Assert.Equal(a.From.ToDateTime(new TimeOnly(9, 0)), a.RecordedAt));
        var verified = await d.Rectifications.AsNoTracking().Where(r => r.Status == RectificationStatus.Verified).ToListAsync();
        Assert.NotEmpty(verified);
        Assert.All(verified, r => Assert.Equal((r.Deadline.ToDateTime(new TimeOnly(9, 0)), r.Deadline.ToDateTime(new TimeOnly(15, 0)), "已完成整改"),
            (r.SubmittedAt!.Value, r.VerifiedAt!.Value, r.Report)));
        Assert.True((await Lianfang.Web.Infrastructure.CommandLine.VerifyAuditAsync(d)).Ok);
        Assert.True(await d.AuditEvents.AnyAsync(e => e.Action == "Generate" && e.EntityId == "test"));

        // The unit's party office reads its unit's points through the API, and the summary adds up to the same.
        using var http = app.CreateClient();
        var token = (await http.Post("/api/v1/auth/token", new { userName = "bench.unit", password = DataSetGenerator.BenchPassword })
            .Expect(HttpStatusCode.OK)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var unitPoints = await d.RiskPoints.CountAsync(p => p.OrgUnit.Path.StartsWith(d.OrgUnits.Single(u => u.Id == report.UnitId).Path));
        var register = await http.GetAsync("/api/v1/risk-points?campaignId=1&pageSize=1").Expect(HttpStatusCode.OK);
        Assert.Equal(unitPoints, register.GetProperty("total").GetInt32());
        // the summary counts the approved (and published) lists' points only
        var approvedPoints = await d.RiskPoints.CountAsync(p => p.OrgUnit.Path.StartsWith(d.OrgUnits.Single(u => u.Id == report.UnitId).Path)
            && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published));
        Assert.InRange(approvedPoints, 1, unitPoints - 1); // the generated year has both
        var summary = await http.GetAsync($"/api/v1/reports/summary?campaignId=1&orgUnitId={report.UnitId}").Expect(HttpStatusCode.OK);
        Assert.Equal(approvedPoints, summary.GetProperty("points").GetInt32());

        var again = await Assert.ThrowsAsync<Lianfang.Core.DomainException>(() => generator.GenerateAsync(new DataSetSize("test", 2), 7, _ => { }, CancellationToken.None));
        Assert.Contains("空数据库", again.Message);
    }
}

[Collection("sqlite")] public sealed class DataSetGeneratorTests_Sqlite() : DataSetGeneratorTests(Db.Sqlite);
[Collection("postgres")] public sealed class DataSetGeneratorTests_Postgres() : DataSetGeneratorTests(Db.Postgres);

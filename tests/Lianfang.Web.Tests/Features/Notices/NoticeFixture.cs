using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Notices;

/// <summary>An app whose notices go to a local SMTP server and a local webhook (a unit's OA).</summary>
public abstract class NoticeFixture(Db db) : AppFixture(db)
{
    public SmtpSink Smtp { get; } = new();
    public WebhookSink Webhook { get; } = new();
    /// <summary>A unit's own OA, set on the unit.</summary>
    public WebhookSink UnitWebhook { get; } = new();

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Lianfang:Smtp:Host"] = "127.0.0.1", ["Lianfang:Smtp:Port"] = Smtp.Port.ToString(), ["Lianfang:Smtp:From"] = "lianfang@jiwei.example.gov.cn",
        ["Lianfang:Notices:Webhook"] = Webhook.Url, ["Lianfang:PublicBaseUrl"] = "https://lianfang.example.gov.cn",
    };

    /// <summary>A person of the unit with an account of the role and an e-mail address, so notices reach them.</summary>
    public async Task<(int Person, string User, string Email)> AccountAsync(World w, int orgUnit, string name, string role)
    {
        var person = (await Admin.Post("/api/v1/people", new { name, title = "处长", orgUnitId = orgUnit }).Expect(HttpStatusCode.Created)).Id();
        var user = $"n{w.Tag[^6..]}.{role}";
        var email = $"{user}@example.gov.cn";
        await this.CreateUser(new { userName = user, password = LianfangApp.Password, personId = person, email, grants = new[] { new { role, orgUnitId = orgUnit } } })
            .Expect(HttpStatusCode.Created);
        return (person, user, email);
    }

    /// <summary>The mail to <paramref name="to"/> whose text contains <paramref name="text"/>, waiting for the delivery.</summary>
    public async Task<SmtpSink.Mail> MailAsync(string to, string text)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Smtp.Mails.FirstOrDefault(m => m.To.Contains(to) && m.Text.Contains(text)) is { } mail) return mail;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no mail to {to} containing “{text}”; got: {string.Join(" | ", Smtp.Mails.Select(m => string.Join(",", m.To) + ": " + m.Text))}");
    }
}

public sealed class NoticeSqliteFixture() : NoticeFixture(Db.Sqlite);
public sealed class NoticePostgresFixture() : NoticeFixture(Db.Postgres);

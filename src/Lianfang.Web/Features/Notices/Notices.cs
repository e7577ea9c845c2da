using System.Net.Mail;
using Lianfang.Core.Notices;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Notices;

/// <summary>
/// Where notices go besides 我的待办: an SMTP server (Lianfang:Smtp:Host, Port, From, User, Password, EnableSsl) and a webhook
/// (Lianfang:Notices:Webhook, JSON POST) that a unit may replace with its own OA or messaging gateway (OrgUnit.NoticeWebhook).
/// </summary>
public sealed record NoticeSettings(
    string? SmtpHost, int SmtpPort, string SmtpFrom, string? SmtpUser, string? SmtpPassword, bool SmtpSsl, string? Webhook, string? BaseUrl)
{
    public static NoticeSettings From(IConfiguration c) => new(
        c["Lianfang:Smtp:Host"], c.GetValue("Lianfang:Smtp:Port", 25), c["Lianfang:Smtp:From"] ?? "lianfang@localhost",
        c["Lianfang:Smtp:User"], c["Lianfang:Smtp:Password"], c.GetValue("Lianfang:Smtp:EnableSsl", false),
        c["Lianfang:Notices:Webhook"], c["Lianfang:PublicBaseUrl"]);

}

/// <summary>Adds notices to the current unit of work (saved with it) and wakes the delivery once it is committed.</summary>
public sealed class NoticeOutbox(AppDbContext db, NoticeDelivery delivery, TimeProvider time)
{
    /// <summary>Notices to every account of these people, about work in the unit at <paramref name="unitPath"/>.</summary>
    public async Task ToPeopleAsync(
        IReadOnlyCollection<int> personIds, string unitPath, string kind, string title, string link, string? from, CancellationToken ct)
    {
        if (personIds.Count == 0) return;
        var users = await db.Users.AsNoTracking()
            .Where(u => u.PersonId != null && personIds.Contains(u.PersonId.Value))
            .Select(u => new { u.Id, u.Email })
            .ToListAsync(ct);
        var hook = await WebhookOfAsync(unitPath, ct);
        db.Notices.AddRange(users.Select(u => new Notice(u.Id, u.Email, kind, title, link, from, time.UtcNow(), hook)));
    }

    /// <summary>Notices to the accounts holding one of <paramref name="roles"/> at the unit or above it.</summary>
    public async Task ToRolesAsync(string unitPath, Core.Access.Role[] roles, string kind, string title, string link, string? from, CancellationToken ct)
    {
        var chain = Core.Org.OrgPath.AncestorsOrSelf(unitPath);
        var users = await db.UserGrants.AsNoTracking().Where(g => roles.Contains(g.Role) && g.OrgUnit != null && chain.Contains(g.OrgUnit.Path))
            .Select(g => g.UserId).Distinct().Join(db.Users, id => id, u => u.Id, (_, u) => new { u.Id, u.Email }).ToListAsync(ct);
        var hook = await WebhookOfAsync(unitPath, ct);
        db.Notices.AddRange(users.Select(u => new Notice(u.Id, u.Email, kind, title, link, from, time.UtcNow(), hook)));
    }

    /// <summary>The webhook of the nearest unit at or above the work that set one.</summary>
    private async Task<string?> WebhookOfAsync(string unitPath, CancellationToken ct)
    {
        var chain = Core.Org.OrgPath.AncestorsOrSelf(unitPath);
        return (await db.OrgUnits.AsNoTracking()
                .Where(u => chain.Contains(u.Path) && u.NoticeWebhook != null)
                .Select(u => new { u.Path, u.NoticeWebhook })
                .ToListAsync(ct))
            .OrderByDescending(u => u.Path.Length).FirstOrDefault()?.NoticeWebhook;
    }

    /// <summary>Call after the work and its notices are committed.</summary>
    public void Wake() => delivery.Wake();
}

/// <summary>Delivers pending notices by e-mail and webhook, retrying failures a few times; woken by new notices, else every half minute.</summary>
public sealed class NoticeDelivery(
    IServiceScopeFactory scopes, IConfiguration config, IHttpClientFactory http, ILogger<NoticeDelivery> log, TimeProvider time) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var settings = NoticeSettings.From(config);
        while (!stop.IsCancellationRequested)
        {
            try { await DeliverPendingAsync(settings, stop); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "notice delivery failed"); }
            try { await _signal.WaitAsync(TimeSpan.FromSeconds(30), stop); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<int> DeliverPendingAsync(NoticeSettings settings, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = await db.Notices.Where(n => n.SentAt == null && n.Attempts < Notice.MaxAttempts).OrderBy(n => n.Id).Take(100).ToListAsync(ct);
        foreach (var n in pending)
        {
            try
            {
                if (!string.IsNullOrWhiteSpace(settings.SmtpHost) && n.Email is { } to) await MailAsync(settings, n, to, ct);
                // the unit's own gateway when it set one, else the installation's; with neither, the notice stays in the app
                if ((n.Webhook ?? settings.Webhook) is { Length: > 0 } hook)
                    (await http.CreateClient("notices").PostAsJsonAsync(hook, new
                    {
                        kind = n.Kind, title = n.Title, link = Url(settings, n), from = n.From, userId = n.UserId, at = n.CreatedAt,
                    }, ct)).EnsureSuccessStatusCode();
                n.Delivered(time.UtcNow());
            }
            catch (Exception e) when (e is SmtpException or HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
            {
                n.Failed(e.Message);
                log.LogWarning("notice {Id} to user {User} not delivered: {Error}", n.Id, n.UserId, e.Message);
            }
        }
        await db.SaveChangesAsync(ct);
        return pending.Count(n => n.SentAt is not null);
    }

    private static string Url(NoticeSettings s, Notice n) => (s.BaseUrl?.TrimEnd('/') ?? "") + n.Link;

    private static async Task MailAsync(NoticeSettings s, Notice n, string to, CancellationToken ct)
    {
        using var client = new SmtpClient(s.SmtpHost!, s.SmtpPort) { EnableSsl = s.SmtpSsl, DeliveryMethod = SmtpDeliveryMethod.Network, Timeout = 15000 };
        if (s.SmtpUser is { Length: > 0 }) client.Credentials = new System.Net.NetworkCredential(s.SmtpUser, s.SmtpPassword);
        using var mail = new MailMessage(s.SmtpFrom, to)
        {
            Subject = $"【廉防待办】{n.Title}",
            Body = $"{n.Title}\n{(n.From is null ? "" : $"来自：{n.From}\n")}请登录廉政风险防控管理系统办理：{Url(s, n)}\n（本邮件由系统自动发送）",
            SubjectEncoding = System.Text.Encoding.UTF8, BodyEncoding = System.Text.Encoding.UTF8,
        };
        await client.SendMailAsync(mail, ct);
    }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.Property(n => n.Email).HasMaxLength(256);
        b.Property(n => n.Kind).HasMaxLength(32);
        b.Property(n => n.Title).HasMaxLength(300);
        b.Property(n => n.Link).HasMaxLength(300);
        b.Property(n => n.From).HasMaxLength(100);
        b.Property(n => n.Webhook).HasMaxLength(500);
        b.Property(n => n.LastError).HasMaxLength(500);
        b.HasIndex(n => n.SentAt);
        b.HasIndex(n => n.UserId);
    }
}

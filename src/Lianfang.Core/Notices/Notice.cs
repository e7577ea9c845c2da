namespace Lianfang.Core.Notices;

/// <summary>
/// A notice that work waits for someone (a 整改 task, a 书面问询, a new complaint, a 催办), kept in the same transaction as the
/// work itself and delivered afterwards by e-mail and to the unit's webhook, so a failed delivery never loses or undoes work.
/// </summary>
public sealed class Notice
{
    private Notice() { Kind = Title = Link = ""; }

    /// <param name="webhook">the webhook of the nearest unit above the work that set one (else the installation's is used)</param>
    public Notice(int userId, string? email, string kind, string title, string link, string? from, DateTime now, string? webhook = null)
    {
        Webhook = webhook;
        UserId = userId;
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Kind = kind;
        Title = title.Length > 300 ? title[..300] : title;
        Link = link;
        From = from;
        CreatedAt = now;
    }

    public long Id { get; private set; }
    public int UserId { get; private set; }
    /// <summary>The recipient's address when the notice was made; none means the webhook only.</summary>
    public string? Email { get; private set; }
    /// <summary>The work's kind, as the inbox names it: rectification, inquiry, complaint, reminder …</summary>
    public string Kind { get; private set; }
    public string Title { get; private set; }
    /// <summary>Where in the app the work is done (a path, e.g. /Supervision/Rectification?id=7).</summary>
    public string Link { get; private set; }
    /// <summary>Who asked for it, for 催办 and assignments.</summary>
    public string? From { get; private set; }
    public string? Webhook { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>After this many failed attempts a notice is left for an administrator to look at.</summary>
    public const int MaxAttempts = 5;

    public void Delivered(DateTime now) => SentAt = now;

    public void Failed(string error)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
    }
}

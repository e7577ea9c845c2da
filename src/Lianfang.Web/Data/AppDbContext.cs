using Lianfang.Core.Audit;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Web.Features.Account;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Lianfang.Web.Data;

/// <summary>
/// The one model. Two thin subclasses (SQLite, PostgreSQL) each own a migrations folder.
/// Every save bumps versions of edited entities and appends hash-chained audit events in the same transaction.
/// </summary>
public abstract class AppDbContext(DbContextOptions options, IAuditActor actor, TimeProvider time)
    : IdentityUserContext<AppUser, int>(options), IDataProtectionKeyContext
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<AgencySupervision> AgencySupervisions => Set<AgencySupervision>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PostAssignment> PostAssignments => Set<PostAssignment>();
    public DbSet<UserGrant> UserGrants => Set<UserGrant>();
    public DbSet<PasswordPolicyRow> PasswordPolicies => Set<PasswordPolicyRow>();
    public DbSet<SchemeRecord> Schemes => Set<SchemeRecord>();
    public DbSet<FormTemplate> FormTemplates => Set<FormTemplate>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<RiskList> RiskLists => Set<RiskList>();
    public DbSet<RiskPoint> RiskPoints => Set<RiskPoint>();
    public DbSet<Lianfang.Core.Review.ReviewRecord> Reviews => Set<Lianfang.Core.Review.ReviewRecord>();
    public DbSet<Features.Verify.SigningKey> SigningKeys => Set<Features.Verify.SigningKey>();
    public DbSet<Lianfang.Core.Review.Filing> Filings => Set<Lianfang.Core.Review.Filing>();
    public DbSet<Lianfang.Core.Review.FormFiling> FormFilings => Set<Lianfang.Core.Review.FormFiling>();
    public DbSet<Lianfang.Core.Review.Publication> Publications => Set<Lianfang.Core.Review.Publication>();
    public DbSet<Lianfang.Core.Review.ReviewInvitation> ReviewInvitations => Set<Lianfang.Core.Review.ReviewInvitation>();
    public DbSet<Lianfang.Core.Review.LeadingGroupMember> LeadingGroupMembers => Set<Lianfang.Core.Review.LeadingGroupMember>();
    public DbSet<Lianfang.Core.Review.PeerPair> PeerPairs => Set<Lianfang.Core.Review.PeerPair>();
    public DbSet<Lianfang.Core.Review.RowSignature> RowSignatures => Set<Lianfang.Core.Review.RowSignature>();
    public DbSet<Lianfang.Core.Supervision.Complaint> Complaints => Set<Lianfang.Core.Supervision.Complaint>();
    public DbSet<Lianfang.Core.Supervision.Inspection> Inspections => Set<Lianfang.Core.Supervision.Inspection>();
    public DbSet<Lianfang.Core.Supervision.InspectionTarget> InspectionTargets => Set<Lianfang.Core.Supervision.InspectionTarget>();
    public DbSet<Lianfang.Core.Supervision.Finding> Findings => Set<Lianfang.Core.Supervision.Finding>();
    public DbSet<Lianfang.Core.Supervision.Rectification> Rectifications => Set<Lianfang.Core.Supervision.Rectification>();
    public DbSet<Lianfang.Core.Supervision.EvidenceFile> EvidenceFiles => Set<Lianfang.Core.Supervision.EvidenceFile>();
    public DbSet<Features.Supervision.EvidenceBlob> EvidenceBlobs => Set<Features.Supervision.EvidenceBlob>();
    public DbSet<Lianfang.Core.Supervision.Disposition> Dispositions => Set<Lianfang.Core.Supervision.Disposition>();
    public DbSet<Lianfang.Core.Supervision.Warning> Warnings => Set<Lianfang.Core.Supervision.Warning>();
    public DbSet<Lianfang.Core.Powers.PowerItem> Powers => Set<Lianfang.Core.Powers.PowerItem>();
    public DbSet<InternalRule> InternalRules => Set<InternalRule>();
    public DbSet<Lianfang.Core.Reports.SummaryRollup> SummaryRollups => Set<Lianfang.Core.Reports.SummaryRollup>();
    public DbSet<Lianfang.Core.Reports.SignerRollup> SignerRollups => Set<Lianfang.Core.Reports.SignerRollup>();
    public DbSet<Lianfang.Core.Files.IntegrityFileEntry> IntegrityFileEntries => Set<Lianfang.Core.Files.IntegrityFileEntry>();
    public DbSet<Lianfang.Core.Assessments.Assessment> Assessments => Set<Lianfang.Core.Assessments.Assessment>();
    public DbSet<Lianfang.Core.Notices.Notice> Notices => Set<Lianfang.Core.Notices.Notice>();
    public DbSet<Lianfang.Core.Supervision.ResponsibilityLetter> ResponsibilityLetters => Set<Lianfang.Core.Supervision.ResponsibilityLetter>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public abstract bool IsPostgres { get; }

    /// <summary>The PostgreSQL advisory lock that orders writes to the audit chain (and the 汇总表 rollups) one transaction at a time.</summary>
    public const long WriteLock = 7243001;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.Entity<AppUser>().ToTable("Users");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<int>>().ToTable("UserClaims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<int>>().ToTable("UserLogins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<int>>().ToTable("UserTokens");
    }

    /// <summary>Marks an entity changed when what changed sits in other rows (a list's points, a 制度's points): its version moves at the next save.</summary>
    public void Touch<T>(T entity) where T : class, IVersioned => Entry(entity).Property(e => e.Version).IsModified = true;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        ChangeTracker.DetectChanges();
        // A point written changes its list: the list's version moves too, so a submit and a write (or an import) that
        // raced over the same list cannot both land.
        var pointLists = ChangeTracker.Entries<Lianfang.Core.Register.RiskPoint>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).Select(e => e.Entity.ListId).ToHashSet();
        if (pointLists.Count > 0)
            foreach (var l in ChangeTracker.Entries<Lianfang.Core.Register.RiskList>()
                         .Where(l => l.State == EntityState.Unchanged && pointLists.Contains(l.Entity.Id)))
                Touch(l.Entity);
        foreach (var e in ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified)) RefuseUnstorable(e);
        foreach (var e in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            e.Entity.Version++;

        var captured = AuditCapture.Capture(ChangeTracker);
        var rollups = Features.Reports.SummaryRollups.Touched(ChangeTracker);
        var signedLists = Features.Reports.SummaryRollups.SignedLists(ChangeTracker);
        if (captured.Count == 0 && rollups.Count == 0 && signedLists.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        var ownTx = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            if (captured.Count > 0) await AppendAuditAsync(captured, ct);
            // the 汇总表 rollups move with the lists and points, in the same transaction
            if (rollups.Count > 0 || signedLists.Count > 0)
                await Features.Reports.SummaryRollups.RefreshAsync(this, rollups.Select(u => u()), signedLists, ct);
            if (ownTx is not null) await ownTx.CommitAsync(ct);
            return written;
        }
        finally
        {
            if (ownTx is not null) await ownTx.DisposeAsync();
        }
    }

    /// <summary>Records that sensitive data was read (a 廉政档案 opened): who, when, whose — in the same hash chain.</summary>
    public Task RecordReadAsync(string entityType, string entityId, string? orgPath, CancellationToken ct) =>
        AppendEventAsync("Read", entityType, entityId, orgPath, "{}", ct);

    /// <summary>
    /// 等保: every sign-in, successful or not, with the name tried, the address it came from and the way (page, API, 动态码),
    /// in the same hash chain — before anyone is signed in, so the account is named here rather than taken from the request.
    /// </summary>
    public Task RecordSignInAsync(bool succeeded, int? userId, string userName, string? address, string channel, string? reason, CancellationToken ct)
    {
        var changes = new Dictionary<string, string?[]> { ["Address"] = [null, address ?? "未知"], ["Channel"] = [null, channel] };
        if (reason is not null) changes["Reason"] = [null, reason];
        return AppendEventAsync(succeeded ? "Login" : "LoginFailed", "AppUser", userId?.ToString() ?? userName, null,
            System.Text.Json.JsonSerializer.Serialize(changes, AuditCapture.JsonOptions), ct, (userId, userName));
    }

    /// <summary>Appends one event that no tracked change describes (a read, a bulk load) to the hash chain.</summary>
    public async Task AppendEventAsync(string action, string entityType, string entityId, string? orgPath, string changes, CancellationToken ct,
        (int? UserId, string? UserName)? by = null)
    {
        await using var tx = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        if (IsPostgres) await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriteLock})", ct);
        var last = await AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var (userId, userName) = by ?? actor.Current;
        AuditEvents.Add(new AuditEvent((last?.Seq ?? 0) + 1, time.UtcNow(), userId, userName, action, entityType, entityId, orgPath, changes,
            last?.Hash ?? AuditChain.Genesis));
        await base.SaveChangesAsync(true, ct);
        if (tx is not null) await tx.CommitAsync(ct);
    }

    /// <summary>Rows per batch of <see cref="InsertManyAsync{T}"/>.</summary>
    internal const int InsertBatch = 2_000;

    /// <summary>
    /// Inserts many new rows of one kind (an import of thousands of points) without the change tracker, each with its
    /// audit event as EF would have recorded it, in the caller's transaction. Sets the rows' ids.
    /// </summary>
    public async Task InsertManyAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("InsertManyAsync runs inside the caller's transaction");
        for (var i = 0; i < rows.Count; i++) RefuseUnstorable(Entry(rows[i]), i + 1);
        var bulk = new BulkWriter(this);
        // In batches: each batch's audit changes (a dictionary per row) and events are written and dropped before the next
        // batch is captured, so they die young instead of 10,000 of them living through the whole insert into gen2.
        for (var from = 0; from < rows.Count; from += InsertBatch)
        {
            var batch = rows.Skip(from).Take(InsertBatch).ToList();
            await bulk.ReserveIdsAsync(batch, ct);
            await bulk.WriteAsync(batch, ct);
            await AppendAuditAsync(batch.Select(r => AuditCapture.Inserted(Entry(r))).ToList(), ct, bulk);
        }
        await bulk.FinishAsync(ct, resetSequences: false);
        if (rows is IReadOnlyList<Lianfang.Core.Register.RiskPoint> points)
            await Features.Reports.SummaryRollups.RefreshAsync(this, points.Select(p => (p.CampaignId, p.OrgUnitId)), [], ct);
    }

    /// <summary>Saves derived rows (the 汇总表 rollups) inside the current write: figures counted from audited rows, so no audit events of their own.</summary>
    internal Task SaveDerivedAsync(CancellationToken ct) => base.SaveChangesAsync(true, ct);

    /// <summary>
    /// PostgreSQL cannot store a NUL character or half of a surrogate pair in text (SQLite keeps the NUL and turns the
    /// half pair into U+FFFD): refused on both, as bad input naming the field, so a stray \0 in an API body or an "_xD800_" in an
    /// imported sheet is a 400 everywhere rather than a 500 on one database. Bulk inserts pass no command the
    /// <see cref="NulGuard"/> sees, so rows are checked here.
    /// </summary>
    private static void RefuseUnstorable(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry e, int? row = null)
    {
        foreach (var p in e.Properties)
        {
            if (p.CurrentValue is not string text || NulGuard.Unstorable(text) is not { } why) continue;
            var field = char.ToLowerInvariant(p.Metadata.Name[0]) + p.Metadata.Name[1..];
            // the search column is made from the point's parts: name the part the user wrote
            if (field == "searchText" && e.Entity is Lianfang.Core.Register.RiskPoint point) field = UnstorablePart(point);
            throw new DomainException(field, $"{(row is { } r ? $"第 {r} 条：" : "")}“{field}”{why}，请删除后再保存");
        }
    }

    private static string UnstorablePart(Lianfang.Core.Register.RiskPoint p)
    {
        static bool Bad(string? t) => t is not null && NulGuard.Unstorable(t) is not null;
        if (p.Measures.Any(m => Bad(m.Text) || Bad(m.Kind) || Bad(m.Phase) || Bad(m.Owner))) return "measures";
        if (Bad(p.Supervision.Basis) || Bad(p.Supervision.Focus) || (p.Supervision.Methods ?? []).Any(Bad)) return "supervision";
        if (Bad(p.Responsible.Leader) || Bad(p.Responsible.Department) || (p.Responsible.Persons ?? []).Any(Bad)) return "responsible";
        return p.Sources.Any(Bad) ? "sources" : "description";
    }

    /// <summary>Appends events for the captured changes, chained to the last event. Runs inside the write transaction.</summary>
    private async Task AppendAuditAsync(List<AuditCapture.Pending> captured, CancellationToken ct, BulkWriter? bulk = null)
    {
        // SQLite holds its write lock already (we just wrote); PostgreSQL needs an explicit lock so chains never fork.
        if (IsPostgres) await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriteLock})", ct);
        var last = await AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var seq = last?.Seq ?? 0;
        var prev = last?.Hash ?? AuditChain.Genesis;
        var paths = await AuditCapture.ResolveOrgPathsAsync(this, captured, ct);
        var at = time.UtcNow();
        var (userId, userName) = actor.Current;
        var events = new List<AuditEvent>(captured.Count);
        foreach (var p in captured)
        {
            var ev = new AuditEvent(++seq, at, userId, userName, p.Action, p.EntityType, p.EntityId(),
                paths(p), p.ChangesJson(), prev);
            prev = ev.Hash;
            events.Add(ev);
        }
        if (bulk is not null) { await bulk.WriteAsync(events, ct); return; }
        AuditEvents.AddRange(events);
        await base.SaveChangesAsync(true, ct);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, IAuditActor actor, TimeProvider time)
    : AppDbContext(options, actor, time)
{
    public override bool IsPostgres => false;
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, IAuditActor actor, TimeProvider time)
    : AppDbContext(options, actor, time)
{
    public override bool IsPostgres => true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Tree paths compare byte-wise so subtree ranges work under any database locale.
        builder.Entity<OrgUnit>().Property(u => u.Path).UseCollation("C");
        builder.Entity<AuditEvent>().Property(e => e.OrgPath).UseCollation("C");
    }
}

/// <summary>Who is acting, for the audit trail.</summary>
public interface IAuditActor
{
    (int? UserId, string? UserName) Current { get; }
}

public sealed class SystemActor : IAuditActor
{
    public (int? UserId, string? UserName) Current => (null, "system");
}

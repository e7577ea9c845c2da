using System.Linq.Expressions;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Core.Supervision;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Supervision;

/// <summary>
/// Evaluates the warning rules and brings the stored warnings in line: all of them on a timer, and the rules a change
/// touches right after it (limited to the unit it happened in). One node at a time; running twice changes nothing.
/// </summary>
public sealed class WarningSweep(AppDbContext db, SchemeStore schemes, IConfiguration config, TimeProvider time)
{
    public static readonly string[] AllRules =
    [
        WarningRules.RectificationOverdue, WarningRules.RectificationDueSoon, WarningRules.LeaderInspectionsShort, WarningRules.ImportantWithoutProject,
        WarningRules.ListNotSubmitted, WarningRules.ComplaintsConcentrated, WarningRules.KeyPostNotRerated, WarningRules.PostChangeUnreviewed,
        WarningRules.PowerWithoutRiskPoint, WarningRules.StepWithoutSupervision,
        WarningRules.RescreeningDue, WarningRules.RevisionDue, WarningRules.SelfAssessmentDue, WarningRules.SpotCheckDue, WarningRules.AssessmentDue,
        WarningRules.NotPublished, WarningRules.PointUnsupervised, WarningRules.IntegrityTalkDue, WarningRules.FollowUpDue, WarningRules.LetterDue,
    ];

    public sealed record Result(int Raised, int Cleared, int Active);

    /// <summary>A whole sweep and the times it held the lock (so two nodes' logged sweeps never seem to overlap).</summary>
    public sealed record Held(Result Result, DateTime From, DateTime To);

    private int DueSoonDays => config.GetValue("Lianfang:Warnings:DueSoonDays", 7);
    private int DeadlineNearDays => config.GetValue("Lianfang:Warnings:DeadlineNearDays", 7);

    /// <summary>The org units one pass looks at: paths in [Lo, Hi) (neighbouring subtrees), or exactly the unit at Lo.</summary>
    private sealed record Part(string Lo, string Hi, bool Exact)
    {
        public static Part Under(string path) { var (lo, hi) = OrgPath.SubtreeBounds(path); return new(lo, hi, false); }
    }

    /// <summary>
    /// Runs the given rules (all when null), over the subtree at <paramref name="underPath"/>. Everything (null) runs in
    /// passes over subtrees of at most <see cref="UnitsPerPass"/> units (a big subtree is split into its top unit alone
    /// and its children's subtrees), each in its own transaction: a province's sweep never holds all its facts in
    /// memory, nor the write lock for long, and each pass stays one set of queries.
    /// </summary>
    public async Task<Result> RunAsync(IReadOnlyCollection<string>? rules, CancellationToken ct, string? underPath = null)
    {
        var set = (rules ?? AllRules).ToHashSet();
        if (underPath is not null) return await RunPartAsync(set, Part.Under(underPath), ct);
        var total = new Result(0, 0, 0);
        foreach (var part in await PartsAsync(ct))
        {
            var r = await RunPartAsync(set, part, ct);
            total = new Result(total.Raised + r.Raised, total.Cleared + r.Cleared, total.Active + r.Active);
            db.ChangeTracker.Clear();
        }
        return total;
    }

    public const int UnitsPerPass = 100;

    /// <summary>The PostgreSQL advisory lock a whole sweep holds (each pass also takes <see cref="PassLock"/> with its transaction).</summary>
    public const long SweepLock = 7243003, PassLock = 7243002;

    /// <summary>SQLite serves one app process; within it one sweep at a time.</summary>
    private static readonly SemaphoreSlim LocalSweep = new(1, 1);

    /// <summary>
    /// The whole sweep, one node at a time: the timer skips its tick when another node holds the lock (null), the API
    /// waits for it. On PostgreSQL a session advisory lock held on this context's connection for the sweep's length
    /// (released by the server if the node dies); the passes' own lock stays, so a change's targeted sweep interleaves.
    /// </summary>
    public async Task<Held?> RunExclusiveAsync(bool wait, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            if (!await LocalSweep.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, ct)) return null;
            try { return await TimedAsync(ct); }
            finally { LocalSweep.Release(); }
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (wait) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SweepLock})", ct);
            else if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({SweepLock}) AS \"Value\"").SingleAsync(ct)) return null;
            try { return await TimedAsync(ct); }
            finally { await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SweepLock})", CancellationToken.None); }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Held> TimedAsync(CancellationToken ct)
    {
        var from = time.UtcNow();
        var r = await RunAsync(null, ct);
        return new Held(r, from, time.UtcNow());
    }

    private async Task<List<Part>> PartsAsync(CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Path, u.Kind }).ToListAsync(ct);
        var size = new Dictionary<string, int>();
        foreach (var u in units.Where(u => u.Kind == OrgUnitKind.Unit))
            foreach (var a in OrgPath.AncestorsOrSelf(u.Path)) size[a] = size.GetValueOrDefault(a) + 1;
        var children = units.Where(u => u.Path.Length > OrgPath.SegmentLength).OrderBy(u => u.Path, StringComparer.Ordinal)
            .ToLookup(u => OrgPath.ParentOf(u.Path)!, u => u.Path);
        var parts = new List<Part>();
        void Split(string path)
        {
            if (size.GetValueOrDefault(path) <= UnitsPerPass) { parts.Add(Part.Under(path)); return; }
            parts.Add(new Part(path, path, true));
            // Neighbouring children go together while they add up to a pass; a child too big for one is split in turn.
            var run = new List<string>();
            var inRun = 0;
            void Flush()
            {
                if (run.Count > 0) parts.Add(new Part(run[0], OrgPath.SubtreeBounds(run[^1]).Hi, false));
                run.Clear(); inRun = 0;
            }
            foreach (var child in children[path])
            {
                var n = size.GetValueOrDefault(child);
                if (n > UnitsPerPass) { Flush(); Split(child); continue; }
                if (inRun + n > UnitsPerPass) Flush();
                run.Add(child); inRun += n;
            }
            Flush();
        }
        foreach (var root in units.Where(u => u.Path.Length == OrgPath.SegmentLength)) Split(root.Path);
        return parts;
    }

    private async Task<Result> RunPartAsync(HashSet<string> set, Part prefixes, CancellationToken ct)
    {
        var today = time.Today();
        var now = time.UtcNow();
        _carriedOut.Clear();
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PassLock})", ct);
            var fired = new List<Fired>();
            if (set.Contains(WarningRules.RectificationOverdue) || set.Contains(WarningRules.RectificationDueSoon))
                fired.AddRange(WarningRules.Rectifications(await RectificationsAsync(prefixes, ct), today, DueSoonDays).Where(f => set.Contains(f.Rule)));
            if (set.Contains(WarningRules.LeaderInspectionsShort))
                fired.AddRange(WarningRules.LeaderInspections(await LeaderPointsAsync(prefixes, today, ct), today));
            if (set.Contains(WarningRules.ImportantWithoutProject))
                fired.AddRange(WarningRules.ImportantPoints(await ImportantPointsAsync(prefixes, today, ct)));
            if (set.Contains(WarningRules.ListNotSubmitted))
                fired.AddRange(WarningRules.OpenLists(await OpenListsAsync(prefixes, today, ct), today, DeadlineNearDays));
            if (set.Contains(WarningRules.ComplaintsConcentrated))
                fired.AddRange(WarningRules.Complaints(await ComplaintsAsync(prefixes, now, ct), now));
            if (set.Contains(WarningRules.KeyPostNotRerated))
                fired.AddRange(WarningRules.KeyPosts(await KeyPostsAsync(prefixes, ct), today));
            if (set.Contains(WarningRules.PostChangeUnreviewed))
                fired.AddRange(WarningRules.PostChanges(await PostChangesAsync(prefixes, today, ct)));
            if (set.Contains(WarningRules.PowerWithoutRiskPoint) || set.Contains(WarningRules.StepWithoutSupervision))
                fired.AddRange(WarningRules.Powers(await PowersAsync(prefixes, ct)).Where(f => set.Contains(f.Rule)));
            if (set.Contains(WarningRules.RescreeningDue))
                foreach (var (scheme, facts) in await PeriodsAsync(RuleKinds.AnnualRescreening, prefixes, today, ct))
                    fired.AddRange(WarningRules.Rescreening(facts, today,
                        DateOnly.TryParse(scheme.Rule(RuleKinds.AnnualRescreening)!.Parameters.GetValueOrDefault("firstDeadline"), out var first)
                            ? first
                            : null));
            if (set.Contains(WarningRules.RevisionDue))
                foreach (var (_, facts) in await PeriodsAsync(RuleKinds.AnnualRevision, prefixes, today, ct))
                    fired.AddRange(WarningRules.Revision(facts, today));
            if (set.Contains(WarningRules.SelfAssessmentDue))
                foreach (var (_, facts) in await PeriodsAsync(RuleKinds.QuarterlySelfAssessment, prefixes, today, ct))
                    fired.AddRange(WarningRules.SelfAssessments(facts));
            if (set.Contains(WarningRules.SpotCheckDue))
                foreach (var (_, facts) in await PeriodsAsync(RuleKinds.HalfYearSpotCheck, prefixes, today, ct)) fired.AddRange(WarningRules.SpotChecks(facts));
            if (set.Contains(WarningRules.AssessmentDue))
                foreach (var (_, facts) in await PeriodsAsync(RuleKinds.AnnualAssessment, prefixes, today, ct))
                    fired.AddRange(WarningRules.Assessments(facts, today));
            if (set.Contains(WarningRules.NotPublished))
                fired.AddRange(WarningRules.Unpublished(await UnpublishedAsync(prefixes, now, ct)));
            if (set.Contains(WarningRules.PointUnsupervised))
                fired.AddRange(WarningRules.Supervised(await SupervisedAsync(prefixes, today, ct), today));
            if (set.Contains(WarningRules.IntegrityTalkDue))
                fired.AddRange(WarningRules.Talks(await TalksAsync(prefixes, today, ct), today));
            if (set.Contains(WarningRules.LetterDue))
                fired.AddRange(WarningRules.Letters(await LettersAsync(prefixes, today, ct), today));
            if (set.Contains(WarningRules.FollowUpDue))
                fired.AddRange(WarningRules.FollowUps(await FollowUpsAsync(prefixes, ct), today));

            var active = Within(db.Warnings.Where(w => w.ClearedAt == null && set.Contains(w.Rule)), prefixes, w => w.OrgUnit.Path);
            var known = await active.AsNoTracking().ToListAsync(ct);
            var before = known.ToDictionary(w => w.Id, w => (w.Message, w.Assignee, w.OrgUnitId));
            var raised = Warning.Reconcile(known, fired, set, now);
            await WriteAsync(active, known, before, raised, now, ct);
            if (own is not null) await own.CommitAsync(ct);
            return new Result(raised.Count, known.Count(w => !w.IsActive), known.Count(w => w.IsActive) + raised.Count);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Stores what <see cref="Warning.Reconcile"/> decided on untracked warnings, in a few statements rather than one a
    /// warning (a province raises hundreds of thousands): cleared ones get their time, refreshed ones whose text, assignee
    /// or unit moved get the new values, every one still active is seen now, and new ones go in through the bulk writer.
    /// </summary>
    private async Task WriteAsync(IQueryable<Warning> active, List<Warning> known, Dictionary<long, (string, string, int)> before,
        List<Warning> raised, DateTime now, CancellationToken ct)
    {
        // a thousand ids a statement: SQLite binds named parameters slowly by the thousand
        foreach (var chunk in known.Where(w => !w.IsActive).Select(w => w.Id).Chunk(1000))
            await db.Warnings.Where(w => chunk.Contains(w.Id)).ExecuteUpdateAsync(u => u.SetProperty(w => w.ClearedAt, now), ct);
        foreach (var chunk in known.Where(w => w.IsActive && before[w.Id] != (w.Message, w.Assignee, w.OrgUnitId)).Chunk(5000))
            await RefreshAsync(chunk, ct);
        // after the clearing, so the cleared keep the time they were last seen; before the new, which are seen already
        if (known.Any(w => w.IsActive)) await active.ExecuteUpdateAsync(u => u.SetProperty(w => w.LastSeenAt, now), ct);
        if (raised.Count == 0) return;
        var bulk = new BulkWriter(db);
        await bulk.ReserveIdsAsync(raised, ct);
        await bulk.WriteAsync(raised, ct);
        await bulk.FinishAsync(ct, resetSequences: false);
    }

    /// <summary>New text, assignee and unit for the given warnings, from one JSON parameter (EF cannot set a value a row).</summary>
    private async Task RefreshAsync(Warning[] changed, CancellationToken ct)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(changed.Select(w => new { i = w.Id, m = w.Message, a = w.Assignee, u = w.OrgUnitId }));
        if (db.IsPostgres)
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "Warnings" AS w SET "Message" = j.m, "Assignee" = j.a, "OrgUnitId" = j.u
                FROM jsonb_to_recordset({json}::jsonb) AS j(i bigint, m text, a text, u integer) WHERE w."Id" = j.i
                """, ct);
        else
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "Warnings" SET "Message" = json_extract(j.value, '$.m'), "Assignee" = json_extract(j.value, '$.a'),
                    "OrgUnitId" = json_extract(j.value, '$.u')
                FROM json_each({json}) AS j WHERE "Warnings"."Id" = json_extract(j.value, '$.i')
                """, ct);
    }

    private static IQueryable<T> Within<T>(IQueryable<T> q, Part part, Expression<Func<T, string>> path) =>
        part.Exact ? q.At(part.Lo, path) : q.Between(part.Lo, part.Hi, path);

    private async Task<List<RectificationFact>> RectificationsAsync(Part prefixes, CancellationToken ct) =>
        await Within(db.Rectifications.AsNoTracking().Where(r => r.Status == RectificationStatus.Open), prefixes, r => r.OwnerOrgUnit.Path)
            .Select(r => new RectificationFact(r.Id, r.OwnerOrgUnitId, r.Task, r.OwnerOrgUnit.Name + " " + r.Owner, r.Deadline, r.Status))
            .ToListAsync(ct);

    /// <summary>The pass's inspections carried out on points, by year and point: the leader and 立项监督 rules ask about the same points.</summary>
    private readonly Dictionary<(int Year, long Point), List<Scorecard.CarriedOut>> _carriedOut = [];

    /// <summary><see cref="Scorecard.CarriedOutAsync"/> for the points not asked about yet in this pass.</summary>
    private async Task<List<Scorecard.CarriedOut>> CarriedOutAsync(List<long> ids, int year, CancellationToken ct)
    {
        var asked = ids.Where(id => !_carriedOut.ContainsKey((year, id))).Distinct().ToList();
        foreach (var id in asked) _carriedOut[(year, id)] = [];
        foreach (var x in await Scorecard.CarriedOutAsync(db, asked, year, ct)) _carriedOut[(year, x.RiskPointId)].Add(x);
        return ids.Distinct().SelectMany(id => _carriedOut[(year, id)]).ToList();
    }

    /// <summary>What the point rules read of a point: not the whole point (its measures and texts), of which a province has a million.</summary>
    private sealed record ApprovedPoint(string Scheme, long Id, int OrgUnitId, string Description, Responsible Responsible, string Level);

    /// <summary>Points of this year's approved lists under schemes that ask leaders to inspect, by rule parameter.</summary>
    private async Task<List<ApprovedPoint>> ApprovedPointsAsync(string ruleKind, Part prefixes, int year, CancellationToken ct)
    {
        var codes = await SchemeCodesWithRuleAsync(ruleKind, ct);
        if (codes.Count == 0) return [];
        return await Within(db.RiskPoints.AsNoTracking().Where(p => codes.Contains(p.List.SchemeCode) && p.List.Campaign.Year == year
                && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published)), prefixes, p => p.OrgUnit.Path)
            .Select(p => new ApprovedPoint(p.List.SchemeCode, p.Id, p.OrgUnitId, p.Description, p.Responsible, p.ApprovedLevelCode ?? p.LevelCode))
            .ToListAsync(ct);
    }

    private async Task<List<LeaderPointFact>> LeaderPointsAsync(Part prefixes, DateOnly today, CancellationToken ct)
    {
        var points = (await ApprovedPointsAsync(RuleKinds.LeaderInspections, prefixes, today.Year, ct))
            .Where(p => !string.IsNullOrWhiteSpace(p.Responsible.Leader))
            .ToList();
        if (points.Count == 0) return [];
        var done = (await CarriedOutAsync(points.Select(p => p.Id).ToList(), today.Year, ct)).ToLookup(x => (x.RiskPointId, x.InspectorName), x => x.Date);
        var facts = new List<LeaderPointFact>();
        foreach (var p in points)
        {
            var perYear = WarningRules.LeaderInspectionsPerYear(await schemes.FindAsync(p.Scheme, ct));
            var leader = p.Responsible.Leader!.Trim();
            facts.Add(new LeaderPointFact(p.Id, p.OrgUnitId, p.Description, leader, done[(p.Id, leader)].Count(), perYear));
        }
        return facts;
    }

    private async Task<List<ImportantPointFact>> ImportantPointsAsync(Part prefixes, DateOnly today, CancellationToken ct)
    {
        var facts = new List<ImportantPointFact>();
        var points = await ApprovedPointsAsync(RuleKinds.ProjectSupervision, prefixes, today.Year, ct);
        if (points.Count == 0) return facts;
        var ids = points.Select(p => p.Id).ToList();
        var projects = (await CarriedOutAsync(ids, today.Year, ct))
            .Where(x => x.Type == InspectionType.Project).Select(x => x.RiskPointId).ToHashSet();
        foreach (var p in points)
        {
            var scheme = await schemes.FindAsync(p.Scheme, ct);
            var levels = scheme?.RuleList(RuleKinds.ProjectSupervision, "levels") ?? [];
            if (!levels.Contains(p.Level)) continue;
            facts.Add(new ImportantPointFact(p.Id, p.OrgUnitId, p.Description, scheme?.Level(p.Level)?.Name ?? p.Level, projects.Contains(p.Id)));
        }
        return facts;
    }

    private async Task<List<OpenListFact>> OpenListsAsync(Part prefixes, DateOnly today, CancellationToken ct)
    {
        var horizon = today.AddDays(DeadlineNearDays);
        var lists = Within(db.RiskLists.AsNoTracking().Where(l => l.Campaign.Status == CampaignStatus.Open && l.Campaign.Deadline <= horizon
            && (l.Status == ListStatus.Draft || l.Status == ListStatus.Returned)), prefixes, l => l.OrgUnit.Path);
        return (await ListTitles.QueryAsync(db, lists, ct))
            .Select(l => new OpenListFact(l.Id, l.OrgUnitId, l.Title, l.Deadline, l.Holder is not null ? $"{l.Holder}（本人）" : $"{l.Unit}负责人", l.Campaign))
            .ToList();
    }

    private async Task<List<ComplaintFact>> ComplaintsAsync(Part prefixes, DateTime now, CancellationToken ct)
    {
        var (count, days) = (config.GetValue("Lianfang:Warnings:ComplaintCount", 3), config.GetValue("Lianfang:Warnings:ComplaintDays", 30));
        var since = now.AddDays(-Math.Max(days, 366));
        var rows = await Within(db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= since && (c.RiskPointId != null || c.PersonId != null)
                && c.Status != ComplaintStatus.Dismissed), prefixes, c => c.OrgUnit.Path)
            .Select(c => new
            {
                c.Id, c.OrgUnitId, c.RiskPointId, c.PersonId, c.ReceivedAt,
                Point = db.RiskPoints.Where(p => p.Id == c.RiskPointId).Select(p => p.Description).FirstOrDefault(),
                Scheme = db.RiskPoints.Where(p => p.Id == c.RiskPointId).Select(p => p.List.SchemeCode).FirstOrDefault(),
                Person = db.People.Where(p => p.Id == c.PersonId).Select(p => p.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var facts = new List<ComplaintFact>();
        foreach (var c in rows)
        {
            // a scheme may set its own threshold (信访反映较为集中: count in days)
            var n = c.Scheme is null ? count : await ParameterAsync(c.Scheme, "ComplaintConcentration", "count", count, ct);
            var d = c.Scheme is null ? days : await ParameterAsync(c.Scheme, "ComplaintConcentration", "days", days, ct);
            facts.Add(new ComplaintFact(c.Id, c.OrgUnitId, c.RiskPointId, c.Point, c.PersonId, c.Person, c.ReceivedAt, n, d));
        }
        return facts;
    }

    /// <summary>Key posts (those with a point of the top level) of schemes that re-rate them every few years.</summary>
    private async Task<List<PostRatingFact>> KeyPostsAsync(Part prefixes, CancellationToken ct)
    {
        var facts = new List<PostRatingFact>();
        foreach (var code in await SchemeCodesWithRuleAsync(RuleKinds.KeyPostRerate, ct))
        {
            var scheme = (await schemes.FindAsync(code, ct))!;
            var years = await ParameterAsync(code, RuleKinds.KeyPostRerate, "years", 3, ct);
            var top = scheme.Levels.OrderBy(l => l.Rank).First().Code;
            var rated = await Within(db.RiskPoints.AsNoTracking().Where(p => p.PostId != null && p.List.SchemeCode == code
                    && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published)
                    && (p.ApprovedLevelCode ?? p.LevelCode) == top), prefixes, p => p.OrgUnit.Path)
                .Select(p => new { PostId = p.PostId!.Value, p.Post!.Name, p.Post.OrgUnitId,
                    At = db.Reviews.Where(r => r.ListId == p.ListId && r.Decision == Decision.Approve).Max(r => (DateTime?)r.At) })
                .ToListAsync(ct);
            facts.AddRange(rated.Where(r => r.At is not null).GroupBy(r => r.PostId).Select(g => new PostRatingFact(g.Key, g.First().OrgUnitId, g.First().Name,
                DateOnly.FromDateTime(Clock.Local(g.Max(r => r.At!.Value))), years)));
        }
        return facts;
    }

    /// <summary>People whose current post began within the year and whose own lists were last approved before that.</summary>
    private async Task<List<PostChangeFact>> PostChangesAsync(Part prefixes, DateOnly today, CancellationToken ct)
    {
        var since = today.AddYears(-1);
        var changes = await Within(db.PostAssignments.AsNoTracking().Where(a => a.To == null && a.From >= since
                && db.RiskLists.Any(l => l.HolderPersonId == a.PersonId && (l.Status == ListStatus.Approved || l.Status == ListStatus.Published))),
                prefixes, a => a.Person.OrgUnit.Path)
            .Select(a => new
            {
                a.PersonId, a.Person.OrgUnitId, Person = a.Person.Name, Post = a.Post.Name, a.From, a.RecordedAt,
                // From the person's lists to their reviews, so both steps use an index (not every review per person).
                Reviewed = db.RiskLists.Where(l => l.HolderPersonId == a.PersonId && (l.Status == ListStatus.Approved || l.Status == ListStatus.Published))
                    .SelectMany(l => db.Reviews.Where(r => r.ListId == l.Id && r.Decision == Decision.Approve)).Max(r => (DateTime?)r.At),
            }).ToListAsync(ct);
        return changes.Select(c => new PostChangeFact(c.PersonId, c.OrgUnitId, c.Person, c.Post,
            c.RecordedAt ?? c.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), c.Reviewed)).ToList();
    }

    private async Task<List<PowerFact>> PowersAsync(Part prefixes, CancellationToken ct)
    {
        var powers = await Within(db.Powers.AsNoTracking(), prefixes, p => p.OrgUnit.Path)
            .Select(p => new { p.Id, p.OrgUnitId, p.Name, p.Flow, Points = db.RiskPoints.Count(r => r.PowerId == p.Id) }).ToListAsync(ct);
        var ids = powers.Select(p => p.Id).ToList();
        var pinned = (await db.RiskPoints.AsNoTracking().Where(r => r.PowerId != null && ids.Contains(r.PowerId.Value) && r.FlowStepKey != null)
            .Select(r => new { PowerId = r.PowerId!.Value, r.FlowStepKey, Level = r.ApprovedLevelCode ?? r.LevelCode, r.List.SchemeCode }).ToListAsync(ct));
        var top = new HashSet<(int, string)>();
        foreach (var r in pinned)
            if ((await schemes.FindAsync(r.SchemeCode, ct))?.Level(r.Level)?.Rank == 1) top.Add((r.PowerId, r.FlowStepKey!));
        return powers.Select(p => new PowerFact(p.Id, p.OrgUnitId, p.Name, p.Points, p.Flow.Steps
            .Where(s => top.Contains((p.Id, s.Key)) && string.IsNullOrWhiteSpace(s.Supervision)).Select(s => s.Name).ToList())).ToList();
    }

    /// <summary>
    /// For a periodic rule: each unit (单位) in the part that runs a scheme stating it — it lies under a campaign of that
    /// scheme — and, per period the rule asks about, whether the duty was done: the year's campaign completed
    /// (AnnualRescreening, AnnualRevision: opened), the quarter's self-assessment reported, the half-year's spot check made,
    /// the year's annual assessment made.
    /// </summary>
    private async Task<List<(Scheme Scheme, List<PeriodFact> Facts)>> PeriodsAsync(string kind, Part prefixes, DateOnly today, CancellationToken ct)
    {
        var result = new List<(Scheme, List<PeriodFact>)>();
        foreach (var code in await SchemeCodesWithRuleAsync(kind, ct))
        {
            var scheme = (await schemes.FindAsync(code, ct))!;
            var units = await UnitsRunningAsync(code, prefixes, null, ct);
            if (units.Count == 0) continue;
            var ids = units.Select(u => u.Unit.Id).ToList();
            var (lo, hi) = Reach(prefixes);
            var facts = new List<PeriodFact>();
            // one query per rule and pass, then each unit looks up its own
            switch (kind)
            {
                case RuleKinds.AnnualRescreening:
                {
                    var quarter = scheme.RuleInt(kind, "quarter", 1);
                    var thisYear = units.SelectMany(u => u.Campaigns).Where(c => c.Year == today.Year).Select(c => c.Id).Distinct().ToList();
                    var open = await db.RiskLists.AsNoTracking().Where(l => thisYear.Contains(l.CampaignId) && string.Compare(l.OrgUnit.Path, lo) >= 0
                            && string.Compare(l.OrgUnit.Path, hi) < 0 && l.Status != ListStatus.Approved && l.Status != ListStatus.Published)
                        .Select(l => new { l.CampaignId, l.OrgUnit.Path }).Distinct().ToListAsync(ct);
                    foreach (var (u, mine) in units)
                    {
                        var current = mine.Where(c => c.Year == today.Year).Select(c => c.Id).ToList();
                        var done = current.Count > 0 && !open.Any(l => current.Contains(l.CampaignId) && OrgPath.IsAncestorOrSelf(u.Path, l.Path));
                        facts.Add(new PeriodFact(u.Id, u.Name, scheme.Name, today.Year, quarter, done));
                    }
                    break;
                }
                case RuleKinds.AnnualRevision:
                    facts.AddRange(units.Select(x =>
                        new PeriodFact(x.Unit.Id, x.Unit.Name, scheme.Name, today.Year, 0, x.Campaigns.Any(c => c.Year == today.Year))));
                    break;
                case RuleKinds.QuarterlySelfAssessment:
                {
                    // the quarter that ended last, for units that ran the regime that year
                    var q = (today.Month - 1) / 3;
                    var (year, quarter) = q == 0 ? (today.Year - 1, 4) : (today.Year, q);
                    var reported = (await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.OrgUnitId) && a.Year == year
                        && a.Kind == Core.Assessments.AssessmentKind.Quarterly && a.Quarter == quarter).Select(a => a.OrgUnitId).ToListAsync(ct)).ToHashSet();
                    facts.AddRange(units.Where(x => x.Campaigns.Any(c => c.Year == year))
                        .Select(x => new PeriodFact(x.Unit.Id, x.Unit.Name, scheme.Name, year, quarter, reported.Contains(x.Unit.Id))));
                    break;
                }
                case RuleKinds.HalfYearSpotCheck:
                {
                    var (year, half) = today.Month <= 6 ? (today.Year - 1, 2) : (today.Year, 1);
                    var (from, to) = half == 1 ? (new DateOnly(year, 1, 1), new DateOnly(year, 6, 30)) : (new DateOnly(year, 7, 1), new DateOnly(year, 12, 31));
                    var checkedAt = await db.Inspections.AsNoTracking()
                        .Where(i => string.Compare(i.OrgUnit.Path, lo) >= 0 && string.Compare(i.OrgUnit.Path, hi) < 0
                            && i.Date >= from && i.Date <= to && i.Status != InspectionStatus.Planned)
                        .Select(i => i.OrgUnit.Path).Distinct().ToListAsync(ct);
                    facts.AddRange(units.Where(x => x.Campaigns.Any(c => c.Year == year))
                        .Select(x => new PeriodFact(x.Unit.Id, x.Unit.Name, scheme.Name, year, half,
                            checkedAt.Any(path => OrgPath.IsAncestorOrSelf(x.Unit.Path, path)))));
                    break;
                }
                case RuleKinds.AnnualAssessment:
                {
                    var assessed = await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.OrgUnitId) && a.Year >= today.Year - 1 && a.Year <= today.Year
                        && a.Kind == Core.Assessments.AssessmentKind.Annual).Select(a => new { a.OrgUnitId, a.Year, a.PostId }).ToListAsync(ct);
                    // 002 evaluates each post that has a holder; the others assess the unit once a year
                    var posts = scheme.Assessment?.Of == ListScope.Post
                        ? await db.PostAssignments.AsNoTracking()
                            .Where(x => x.To == null && string.Compare(x.Post.OrgUnit.Path, lo) >= 0 && string.Compare(x.Post.OrgUnit.Path, hi) < 0)
                            .Select(x => new { x.PostId, x.Post.OrgUnit.Path }).Distinct().ToListAsync(ct)
                        : null;
                    foreach (var (u, mine) in units)
                        foreach (var year in mine.Select(c => c.Year).Where(y => y <= today.Year && y >= today.Year - 1).Distinct())
                        {
                            if (posts is null)
                            {
                                facts.Add(new PeriodFact(u.Id, u.Name, scheme.Name, year, 0, assessed.Any(a => a.OrgUnitId == u.Id && a.Year == year)));
                                continue;
                            }
                            var done = assessed.Where(a => a.OrgUnitId == u.Id && a.Year == year && a.PostId != null).Select(a => a.PostId).ToHashSet();
                            var pending = posts.Where(p => OrgPath.IsAncestorOrSelf(u.Path, p.Path))
                                .Select(p => p.PostId).Distinct().Count(p => !done.Contains(p));
                            facts.Add(new PeriodFact(u.Id, u.Name, scheme.Name, year, 0, pending == 0, pending));
                        }
                    break;
                }
            }
            result.Add((scheme, facts));
        }
        return result;
    }

    private sealed record UnitRef(int Id, string Name, string Path);
    private sealed record CampaignRef(int Id, int Year, string Path);

    /// <summary>The units (单位) of the part lying under a campaign of the scheme, each with those campaigns (of the given years).</summary>
    private async Task<List<(UnitRef Unit, List<CampaignRef> Campaigns)>> UnitsRunningAsync(
        string code, Part prefixes, (int From, int To)? years, CancellationToken ct)
    {
        var q = db.Campaigns.AsNoTracking().Where(c => c.SchemeCode == code);
        if (years is { } y) q = q.Where(c => c.Year >= y.From && c.Year <= y.To);
        var campaigns = await q.Join(db.OrgUnits, c => c.RootOrgUnitId, u => u.Id, (c, u) => new CampaignRef(c.Id, c.Year, u.Path)).ToListAsync(ct);
        if (campaigns.Count == 0) return [];
        var units = await Within(db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Unit), prefixes, u => u.Path)
            .Select(u => new UnitRef(u.Id, u.Name, u.Path)).ToListAsync(ct);
        return units.Select(u => (u, campaigns.Where(c => u.Path.StartsWith(c.Path, StringComparison.Ordinal)).ToList()))
            .Where(x => x.Item2.Count > 0)
            .ToList();
    }

    /// <summary>The paths a part's units reach with their subtrees: the part's range, or the one unit's subtree.</summary>
    private static (string Lo, string Hi) Reach(Part part) => part.Exact ? OrgPath.SubtreeBounds(part.Lo) : (part.Lo, part.Hi);

    /// <summary>
    /// IntegrityTalks: the people of each unit running such a scheme, for last year (when it ran the regime then) and
    /// this year, and whether someone talked with them (个别谈话 carried out) in that year.
    /// </summary>
    private async Task<List<TalkFact>> TalksAsync(Part prefixes, DateOnly today, CancellationToken ct)
    {
        var facts = new List<TalkFact>();
        foreach (var code in await SchemeCodesWithRuleAsync(RuleKinds.IntegrityTalks, ct))
        {
            var units = await UnitsRunningAsync(code, prefixes, (today.Year - 1, today.Year), ct);
            if (units.Count == 0) continue;
            var (lo, hi) = Reach(prefixes);
            var people = await db.People.AsNoTracking().Where(p => string.Compare(p.OrgUnit.Path, lo) >= 0 && string.Compare(p.OrgUnit.Path, hi) < 0)
                .Select(p => new { p.Id, p.Name, p.OrgUnitId, p.OrgUnit.Path }).ToListAsync(ct);
            var from = new DateOnly(today.Year - 1, 1, 1);
            var ids = people.Select(p => p.Id).ToList();
            var talks = (await db.Inspections.AsNoTracking().Where(i => i.Type == InspectionType.Talk && i.Status == InspectionStatus.Done && i.PersonId != null
                    && i.Date >= from && ids.Contains(i.PersonId.Value))
                .Select(i => new { PersonId = i.PersonId!.Value, i.Date.Year }).ToListAsync(ct)).ToHashSet();
            foreach (var (u, mine) in units)
                foreach (var year in mine.Select(c => c.Year).Distinct())
                    facts.AddRange(people.Where(p => OrgPath.IsAncestorOrSelf(u.Path, p.Path))
                        .Select(p => new TalkFact(p.Id, p.OrgUnitId, p.Name, u.Name, year, talks.Contains(new { PersonId = p.Id, Year = year }))));
        }
        return facts;
    }

    /// <summary>
    /// ResponsibilityLetters: this year's cadres (current holders of the rule's tiers) of each unit running such a scheme this
    /// year, and whether the unit recorded their 责任书 of the year.
    /// </summary>
    private async Task<List<LetterFact>> LettersAsync(Part prefixes, DateOnly today, CancellationToken ct)
    {
        var facts = new List<LetterFact>();
        foreach (var code in await SchemeCodesWithRuleAsync(RuleKinds.ResponsibilityLetters, ct))
        {
            var scheme = (await schemes.FindAsync(code, ct))!;
            var units = await UnitsRunningAsync(code, prefixes, (today.Year, today.Year), ct);
            if (units.Count == 0) continue;
            var tiers = ResponsibilityLetter.Tiers(scheme);
            var deadline = ResponsibilityLetter.Deadline(scheme, today.Year);
            var (lo, hi) = Reach(prefixes);
            var cadres = await db.PostAssignments.AsNoTracking().Where(a => a.To == null && tiers.Contains(a.Post.Tier)
                    && string.Compare(a.Post.OrgUnit.Path, lo) >= 0 && string.Compare(a.Post.OrgUnit.Path, hi) < 0)
                .Select(a => new { a.PersonId, a.Person.Name, Post = a.Post.Name, a.Post.OrgUnitId, a.Post.OrgUnit.Path }).ToListAsync(ct);
            var ids = units.Select(u => u.Unit.Id).ToList();
            var signed = (await db.ResponsibilityLetters.AsNoTracking().Where(l => l.Year == today.Year && ids.Contains(l.OrgUnitId))
                .Select(l => new { l.OrgUnitId, l.PersonId }).ToListAsync(ct)).ToHashSet();
            // a cadre's letter is kept by the nearest unit above their post
            foreach (var c in cadres.DistinctBy(c => c.PersonId))
                if (units.Select(x => x.Unit)
                        .Where(x => OrgPath.IsAncestorOrSelf(x.Path, c.Path))
                        .OrderByDescending(x => x.Path.Length)
                        .FirstOrDefault() is { } u)
                    facts.Add(new LetterFact(c.PersonId, c.OrgUnitId, c.Name, c.Post, u.Name, today.Year, deadline,
                        signed.Contains(new { OrgUnitId = u.Id, c.PersonId })));
        }
        return facts;
    }

    /// <summary>AssessmentFollowUp: units graded the rule's 不及格 and whether they were inspected since (跟踪回访).</summary>
    private async Task<List<FollowUpFact>> FollowUpsAsync(Part prefixes, CancellationToken ct)
    {
        var facts = new List<FollowUpFact>();
        foreach (var code in await SchemeCodesWithRuleAsync(RuleKinds.AssessmentFollowUp, ct))
        {
            var scheme = (await schemes.FindAsync(code, ct))!;
            var rectify = scheme.Rule(RuleKinds.AssessmentFollowUp)!.Parameters.GetValueOrDefault("rectify") ?? "不及格";
            var days = scheme.RuleInt(RuleKinds.AssessmentFollowUp, "days", 30);
            var roots = await db.Campaigns.AsNoTracking().Where(c => c.SchemeCode == code).Join(db.OrgUnits, c => c.RootOrgUnitId, u => u.Id, (c, u) => u.Path)
                .Distinct().ToListAsync(ct);
            var graded = (await Within(
                        db.Assessments.AsNoTracking().Where(a => a.Kind == Core.Assessments.AssessmentKind.Annual && a.Grade == rectify),
                        prefixes, a => a.OrgUnit.Path)
                    .Select(a => new { a.Id, a.OrgUnitId, Unit = a.OrgUnit.Name, a.OrgUnit.Path, a.Year, a.AssessedAt }).ToListAsync(ct))
                .Where(a => roots.Any(r => a.Path.StartsWith(r, StringComparison.Ordinal)))
                .Select(a => (a.Id, a.OrgUnitId, a.Unit, a.Path, a.Year, Assessed: DateOnly.FromDateTime(Clock.Local(a.AssessedAt)))).ToList();
            if (graded.Count == 0) continue;
            var (lo, hi) = Reach(prefixes);
            var since = graded.Min(a => a.Assessed);
            var visits = await db.Inspections.AsNoTracking().Where(i => string.Compare(i.OrgUnit.Path, lo) >= 0 && string.Compare(i.OrgUnit.Path, hi) < 0
                && i.Date >= since && i.Status != InspectionStatus.Planned).Select(i => new { i.OrgUnit.Path, i.Date }).ToListAsync(ct);
            facts.AddRange(graded.Select(a => new FollowUpFact(a.Id, a.OrgUnitId, a.Unit, a.Year, a.Assessed,
                visits.Any(v => v.Date >= a.Assessed && OrgPath.IsAncestorOrSelf(a.Path, v.Path)), days)));
        }
        return facts;
    }

    /// <summary>Approved lists not yet published, under schemes with a Publication rule.</summary>
    private async Task<List<UnpublishedFact>> UnpublishedAsync(Part prefixes, DateTime now, CancellationToken ct)
    {
        var codes = await SchemeCodesWithRuleAsync(RuleKinds.Publication, ct);
        if (codes.Count == 0) return [];
        var lists = Within(db.RiskLists.AsNoTracking().Where(l => codes.Contains(l.SchemeCode) && l.Status == ListStatus.Approved),
            prefixes, l => l.OrgUnit.Path);
        var approved = await lists
            .Select(l => new { l.Id, At = db.Reviews.Where(r => r.ListId == l.Id && r.Decision == Decision.Approve).Max(r => (DateTime?)r.At) })
            .ToDictionaryAsync(x => x.Id, x => x.At, ct);
        return (await ListTitles.QueryAsync(db, lists, ct))
            .Select(l => new UnpublishedFact(l.Id, l.OrgUnitId, l.Title, DateOnly.FromDateTime(Clock.Local(approved.GetValueOrDefault(l.Id) ?? now)))).ToList();
    }

    /// <summary>
    /// Approved points with a supervisor (LevelSupervisor), of this year's and last year's campaigns, and whether it inspected them that year.
    /// </summary>
    private async Task<List<SupervisedPointFact>> SupervisedAsync(Part prefixes, DateOnly today, CancellationToken ct)
    {
        var points = await Within(db.RiskPoints.AsNoTracking()
                .Where(p => p.Supervisor != null && p.List.Campaign.Year >= today.Year - 1 && p.List.Campaign.Year <= today.Year
                    && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published)), prefixes, p => p.OrgUnit.Path)
            .Select(p => new { p.Id, p.OrgUnitId, p.Description, p.Supervisor, p.SupervisorPersonId, p.List.Campaign.Year, Holder = p.List.HolderPersonId,
                Name = db.People.Where(x => x.Id == p.SupervisorPersonId).Select(x => x.Name).FirstOrDefault() })
            .ToListAsync(ct);
        // a post supervising itself (三级: 由各岗位自己管理和负责) is not reminded
        points = points.Where(p => p.SupervisorPersonId is null || p.SupervisorPersonId != p.Holder).ToList();
        var facts = new List<SupervisedPointFact>();
        foreach (var year in points.Select(p => p.Year).Distinct())
        {
            var inYear = points.Where(p => p.Year == year).ToList();
            var done = (await CarriedOutAsync(inYear.Select(p => p.Id).ToList(), year, ct)).ToLookup(x => x.RiskPointId);
            facts.AddRange(inYear.Select(p => new SupervisedPointFact(p.Id, p.OrgUnitId, p.Description, p.Supervisor!, year,
                // a person supervises in person; a body (the agency, the commission) by any of its inspections
                done[p.Id].Any(x => p.Name is null || x.InspectorName == p.Name))));
        }
        return facts;
    }

    private async Task<List<string>> SchemeCodesWithRuleAsync(string kind, CancellationToken ct)
    {
        var codes = await db.Campaigns.AsNoTracking().Select(c => c.SchemeCode).Distinct().ToListAsync(ct);
        var result = new List<string>();
        foreach (var code in codes)
            if ((await schemes.FindAsync(code, ct))?.Rules.Any(r => r.Kind == kind) == true) result.Add(code);
        return result;
    }

    private async Task<int> ParameterAsync(string schemeCode, string kind, string name, int fallback, CancellationToken ct) =>
        (await schemes.FindAsync(schemeCode, ct))?.RuleInt(kind, name, fallback) ?? fallback;
}

/// <summary>
/// The timer: every node runs it, and the whole-sweep lock lets one node sweep at a time — a node whose tick finds
/// another sweeping skips it (that sweep covers the same ground). Logged with its start and end.
/// </summary>
public sealed class WarningSweepService(IServiceScopeFactory scopes, IConfiguration config, ILogger<WarningSweepService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = config.GetValue("Lianfang:Warnings:SweepMinutes", 60.0);
        if (minutes <= 0) return;
        // A short pause first, so start-up (migrations, the first requests) goes undisturbed.
        await Task.Delay(TimeSpan.FromSeconds(config.GetValue("Lianfang:Warnings:FirstSweepSeconds", 30.0)), stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var held = await scope.ServiceProvider.GetRequiredService<WarningSweep>().RunExclusiveAsync(wait: false, stoppingToken);
                if (held is not { Result: var r }) log.LogInformation("预警巡检：另一节点正在巡检，本节点跳过本次");
                else log.LogInformation("预警巡检完成：新增 {Raised}，解除 {Cleared}，当前 {Active}（{Started:O} 至 {Ended:O}）",
                    r.Raised, r.Cleared, r.Active, held.From, held.To);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "预警巡检失败");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

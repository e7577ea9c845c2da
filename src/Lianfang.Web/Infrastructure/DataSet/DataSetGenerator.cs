using System.Diagnostics;
using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Core.Supervision;
using Lianfang.Web.Features.Account;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Identity;

namespace Lianfang.Web.Infrastructure.DataSet;

/// <summary>
/// A named size of generated data set. Each unit has 20 departments, 100 people on their posts, one list per person and
/// one for the unit, about 500 risk points, 10 inspections and one complaint, and the year's 一岗双责 and 立项监督 inspections
/// done for most points; `province` is DESIGN.md §7's data set.
/// </summary>
public sealed record DataSetSize(string Name, int Units)
{
    public static readonly DataSetSize[] All = [new("small", 20), new("city", 200), new("province", 2000)];
    public static DataSetSize? Find(string? name) => All.FirstOrDefault(s => s.Name == name?.Trim().ToLowerInvariant());
}

public sealed record DataSetReport(
    DataSetSize Size, IReadOnlyDictionary<string, long> Counts, TimeSpan Elapsed, int CommissionId, int UnitId, int DepartmentId);

/// <summary>
/// Generates a realistic data set into an empty database: a province commission, its city commissions and 派驻机构,
/// units, departments, posts and people, one campaign under the scheme of 000 with every list written and passed
/// through the real review workflow (signed content hashes, filings), inspections with findings and rectifications.
/// Rows go in through <see cref="BulkWriter"/>, one transaction a batch of units: a failed run leaves a partial data set, so
/// generate into a new database and start again with a new one.
/// </summary>
public sealed class DataSetGenerator(AppDbContext db, SchemeStore schemes, UserManager<AppUser> users, TimeProvider time)
{
    public const string SchemeCode = "shaoxing-2018";
    public const string BenchPassword = "Lianfang-bench-2026";
    private const int UnitsPerCity = 180, UnitsPerAgency = 10, Departments = 20, UnitListPoints = 20, BatchUnits = 25;

    private int _org, _post, _person, _assignment, _list;
    private long _point, _review, _filing, _inspection, _finding, _rectification, _complaint;

    public async Task<DataSetReport> GenerateAsync(DataSetSize size, int seed, Action<string> progress, CancellationToken ct)
    {
        if (await db.OrgUnits.AnyAsync(ct))
            throw new DomainException("size", "数据库中已有机构数据。数据集只能生成到空数据库中：请换一个新的数据库文件（或新建 PostgreSQL 数据库）后再运行 generate");
        var clock = Stopwatch.StartNew();
        var scheme = await schemes.GetAsync(SchemeCode, ct);
        var rng = new Random(seed);
        var today = time.Today();
        var bulk = new BulkWriter(db);
        var counts = new Dictionary<string, long>();
        void Count(string what, long n) => counts[what] = counts.GetValueOrDefault(what) + n;

        await db.Database.OpenConnectionAsync(ct);
        // A bigger page cache keeps SQLite from spilling a batch's transaction to disk page by page.
        if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
        var province = Org("省纪委监委", OrgUnitKind.Commission, null, OrgPath.Encode(1));
        var cityCount = (size.Units + UnitsPerCity - 1) / UnitsPerCity;
        var cities = Enumerable.Range(0, cityCount)
            .Select(c => Org(
                Vocabulary.Cities[c % Vocabulary.Cities.Length] + (c >= Vocabulary.Cities.Length ? $"（{c / Vocabulary.Cities.Length + 1}）" : "") + "纪委监委",
                OrgUnitKind.Commission, province, province.Path + OrgPath.Encode(c + 1))).ToList();
        var campaign = Keyed(new Campaign($"{today.Year}年度廉洁风险排查", today.Year, scheme, province.Id, new DateOnly(today.Year, 6, 30), null,
            new DateTime(today.Year, 3, 1, 1, 0, 0, DateTimeKind.Utc)), 1);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await bulk.WriteAsync([province, .. cities], ct);
            await bulk.WriteAsync([campaign], ct);
            await tx.CommitAsync(ct);
        }
        Count("commissions", 1 + cities.Count);

        // One transaction a batch: a single one over millions of rows makes SQLite's WAL grow without bound.
        var firstUnit = 0; var firstDepartment = 0;
        for (var start = 0; start < size.Units; start += BatchUnits)
        {
            var batch = new Batch();
            for (var u = start; u < Math.Min(size.Units, start + BatchUnits); u++)
                GenerateUnit(batch, u, cities[u / UnitsPerCity], scheme, campaign, rng, today);
            if (start == 0)
            {
                firstUnit = batch.Units.First(x => x.Kind == OrgUnitKind.Unit).Id;
                firstDepartment = batch.Units.First(x => x.Kind == OrgUnitKind.Department).Id;
            }
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await batch.WriteAsync(bulk, ct);
                await tx.CommitAsync(ct);
            }
            foreach (var (what, n) in batch.Counts()) Count(what, n);
            if ((start / BatchUnits) % Math.Max(1, size.Units / BatchUnits / 10) == 0)
                progress($"已生成 {Math.Min(size.Units, start + BatchUnits):N0}/{size.Units:N0} 个单位，{bulk.Rows:N0} 行，用时 {clock.Elapsed.TotalSeconds:N0} 秒");
        }
        await bulk.FinishAsync(ct);
        // statistics before the rollups are counted: without them PostgreSQL plans the count over the fresh million rows blind
        progress("正在更新查询统计信息（ANALYZE）……");
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        // the lists went in already reviewed, past the writes that keep the 汇总表 rollups: counted once, at the end
        progress("正在汇总各单位风险点（汇总表累计数）……");
        Count("summaryRollups", await Features.Reports.SummaryRollups.RebuildAsync(db, ct));
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"SummaryRollups\"", ct);
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"SignerRollups\"", ct);
        await db.AppendEventAsync("Generate", "DataSet", size.Name, province.Path,
            System.Text.Json.JsonSerializer.Serialize(new { size = size.Name, seed, counts }), ct);

        await CreateAccountsAsync(province.Id, firstUnit, firstDepartment, ct);
        return new DataSetReport(size, counts, clock.Elapsed, province.Id, firstUnit, firstDepartment);
    }

    /// <summary>Accounts the benchmarks sign in with: the province commission, one unit's party office, one of its staff, a system admin.</summary>
    private async Task CreateAccountsAsync(int provinceId, int unitId, int departmentId, CancellationToken ct)
    {
        var staffPerson = await db.People.Where(p => p.OrgUnitId == departmentId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(ct);
        async Task Account(string name, string display, int? person, Role role, int? orgUnitId)
        {
            var user = new AppUser { UserName = name, DisplayName = display, PersonId = person, CreatedAt = time.UtcNow() };
            user.Grants.Add(new UserGrant { Role = role, OrgUnitId = orgUnitId });
            CreateUser.Check(await users.CreateAsync(user, BenchPassword));
        }
        await Account("bench.commission", "省纪委监委（压测）", null, Role.Commission, provinceId);
        await Account("bench.unit", "单位党办（压测）", null, Role.PartyOffice, unitId);
        await Account("bench.staff", "岗位人员（压测）", staffPerson, Role.Staff, departmentId);
        await Account("bench.admin", "系统管理员（压测）", null, Role.Admin, null);
    }

    /// <summary>What one batch of units adds, in the order foreign keys need.</summary>
    private sealed class Batch
    {
        public readonly List<OrgUnit> Units = [];
        public readonly List<AgencySupervision> Supervisions = [];
        public readonly List<Post> Posts = [];
        public readonly List<Person> People = [];
        public readonly List<PostAssignment> Assignments = [];
        public readonly List<RiskList> Lists = [];
        public readonly List<RiskPoint> Points = [];
        public readonly List<ReviewRecord> Reviews = [];
        public readonly List<Filing> Filings = [];
        public readonly List<Inspection> Inspections = [];
        public readonly List<InspectionTarget> Targets = [];
        public readonly List<Finding> Findings = [];
        public readonly List<Rectification> Rectifications = [];
        public readonly List<Complaint> Complaints = [];

        public async Task WriteAsync(BulkWriter w, CancellationToken ct)
        {
            await w.WriteAsync(Units, ct); await w.WriteAsync(Supervisions, ct); await w.WriteAsync(Posts, ct);
            await w.WriteAsync(People, ct); await w.WriteAsync(Assignments, ct); await w.WriteAsync(Lists, ct);
            await w.WriteAsync(Points, ct); await w.WriteAsync(Reviews, ct); await w.WriteAsync(Filings, ct);
            await w.WriteAsync(Inspections, ct); await w.WriteAsync(Targets, ct); await w.WriteAsync(Findings, ct);
            await w.WriteAsync(Rectifications, ct); await w.WriteAsync(Complaints, ct);
        }

        public IEnumerable<(string, long)> Counts() =>
        [
            ("agencies", Units.Count(u => u.Kind == OrgUnitKind.Agency)), ("units", Units.Count(u => u.Kind == OrgUnitKind.Unit)),
            ("departments", Units.Count(u => u.Kind == OrgUnitKind.Department)), ("posts", Posts.Count), ("people", People.Count),
            ("lists", Lists.Count), ("riskPoints", Points.Count), ("reviews", Reviews.Count), ("filings", Filings.Count),
            ("inspections", Inspections.Count), ("findings", Findings.Count), ("rectifications", Rectifications.Count), ("complaints", Complaints.Count),
        ];
    }

    private readonly Dictionary<int, int> _children = [];
    private readonly Dictionary<OrgUnit, OrgUnit> _agencyOf = [];

    /// <summary>Numbers a new row: the generator writes into an empty database and gives each row its id itself.</summary>
    private T Keyed<T>(T row, long id) where T : class => BulkWriter.Keyed(db.Model, row, id);

    private OrgUnit Org(string name, OrgUnitKind kind, OrgUnit? parent, string path) => Keyed(new OrgUnit(name, kind, parent, path), ++_org);

    private OrgUnit Child(OrgUnit parent, string name, OrgUnitKind kind)
    {
        var ordinal = _children[parent.Id] = _children.GetValueOrDefault(parent.Id) + 1;
        return Org(name, kind, parent, parent.Path + OrgPath.Encode(ordinal));
    }

    private void GenerateUnit(Batch b, int index, OrgUnit city, Scheme scheme, Campaign campaign, Random rng, DateOnly today)
    {
        var inCity = index % UnitsPerCity;
        if (inCity % UnitsPerAgency == 0)
        {
            var agency = Child(city, $"派驻第{inCity / UnitsPerAgency + 1}纪检监察组", OrgUnitKind.Agency);
            b.Units.Add(agency);
            _agencyOf[city] = agency;
        }
        var unitAgency = _agencyOf[city];
        var county = Vocabulary.Counties[inCity / Vocabulary.Bureaus.Length % Vocabulary.Counties.Length];
        var round = inCity / (Vocabulary.Bureaus.Length * Vocabulary.Counties.Length);
        var unit = Child(city, (county == "市直" ? city.Name.Replace("纪委监委", "") : county) + Vocabulary.Bureaus[inCity % Vocabulary.Bureaus.Length]
            + (round > 0 ? $"（{round + 1}）" : ""), OrgUnitKind.Unit);
        b.Units.Add(unit);
        b.Supervisions.Add(new AgencySupervision(unitAgency.Id, unit));

        // Unit leaders, then 20 departments of five (or four) people each: 100 people a unit.
        var holders = new List<(Post Post, Person Person, OrgUnit Org)>();
        void Staff(OrgUnit org, string post, string title, PostTier tier)
        {
            var p = Keyed(new Post(org, post, tier, $"负责{rng.Pick(Vocabulary.Matters)}等工作", $"严格执行{rng.Pick(Vocabulary.Matters)}相关规定，落实“一岗双责”"),
                ++_post);
            var appointed = today.AddDays(-rng.Next(200, 3000));
            var person = Keyed(new Person(org, Vocabulary.PersonName(rng), title, appointed), ++_person);
            person.AssignPost(p, appointed, appointed.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
            var a = Keyed(person.Assignments.Single(), ++_assignment);
            b.Posts.Add(p); b.People.Add(person); b.Assignments.Add(a);
            holders.Add((p, person, org));
        }
        foreach (var (post, title) in Vocabulary.LeaderPosts) Staff(unit, post, title, PostTier.Leader);
        for (var d = 0; d < Departments; d++)
        {
            var dept = Child(unit, Vocabulary.Departments[d], OrgUnitKind.Department);
            b.Units.Add(dept);
            var posts = Vocabulary.DepartmentPosts.Take(d < 16 ? 5 : 4).ToList();
            for (var i = 0; i < posts.Count; i++) Staff(dept, posts[i].Name, posts[i].Title, i < 2 ? PostTier.Middle : PostTier.Other);
        }

        // The campaign's lists: one per person on a post (shaoxing-2018's 岗位清单), one for the unit.
        var firstPoint = b.Points.Count;
        var principal = holders[1].Person.Name; var leader = holders[2].Person.Name;
        foreach (var (post, person, org) in holders)
        {
            var list = Keyed(new RiskList(campaign, ListScope.Post, org.Id, post.Id, person.Id), ++_list);
            var n = post.Tier == PostTier.Leader ? 6 : 4 + (rng.Next(5) < 4 ? 1 : 0) - (rng.Next(20) == 0 ? 1 : 0);
            var points = Points(b, list, n, post, org, scheme, rng, principal);
            var deptHead = holders.FirstOrDefault(h => h.Org == org && h.Post.Tier == PostTier.Middle).Person?.Name ?? principal;
            Review(b, list, points, scheme, rng, today, person.Name, deptHead, leader, principal, unitAgency.Name, city.Id);
        }
        var unitList = Keyed(new RiskList(campaign, ListScope.Unit, unit.Id, null, null), ++_list);
        var unitPoints = Points(b, unitList, UnitListPoints, null, unit, scheme, rng, principal);
        Review(b, unitList, unitPoints, scheme, rng, today, holders[0].Person.Name, principal, leader, principal, unitAgency.Name, city.Id);

        var mine = b.Points.GetRange(firstPoint, b.Points.Count - firstPoint);
        Supervise(b, mine, holders, unitAgency, rng, today);
        Duties(b, mine, unit, holders[1].Person, unitAgency, scheme, rng, today);
    }

    private List<RiskPoint> Points(Batch b, RiskList list, int n, Post? post, OrgUnit org, Scheme scheme, Random rng, string leader)
    {
        var points = new List<RiskPoint>(n);
        for (var seq = 1; seq <= n; seq++)
        {
            var matter = rng.Pick(Vocabulary.Matters);
            var manifestation = rng.Pick(Vocabulary.Manifestations);
            var measures = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => new ControlMeasure(rng.Pick(Vocabulary.Measures),
                scheme.MeasureKinds.Count > 0 ? rng.Pick(scheme.MeasureKinds) : null,
                scheme.MeasurePhases.Count > 0 ? rng.Pick(scheme.MeasurePhases) : null)).ToList();
            var content = new RiskPointContent(
                rng.Pick(scheme.Categories).Code,
                $"在{matter}中{manifestation}",
                $"{(post?.Name ?? org.Name)}在{matter}环节{rng.Pick(Vocabulary.Manifestations)}",
                rng.Next(10) < 3 ? scheme.Levels[0].Code : rng.Pick(scheme.Levels).Code, null, post?.Id,
                [rng.Pick(scheme.ScreeningSources)], measures,
                new SupervisionPath("《廉洁风险防控实施办法》", rng.Pick(Vocabulary.SupervisionFocus), [rng.Pick(scheme.SupervisionMethods)]),
                new Responsible(leader, org.Name, [post?.Name ?? "主要负责人"]));
            var point = Keyed(new RiskPoint(list, seq, scheme, content), ++_point);
            points.Add(point);
        }
        b.Lists.Add(list);
        b.Points.AddRange(points);
        return points;
    }

    /// <summary>
    /// Moves a list through the real workflow: 10 % stay drafts, 5 % are returned at the first stage, 20 % wait at some
    /// stage, the rest are approved and their filed-level points filed with the city commission.
    /// </summary>
    private void Review(Batch b, RiskList list, List<RiskPoint> points, Scheme scheme, Random rng, DateOnly today,
        string writer, string deptHead, string leader, string principal, string agency, int commissionId)
    {
        var roll = rng.Next(100);
        if (roll < 10) return;
        var at = new DateTime(today.Year, 3, 15, 1, 0, 0, DateTimeKind.Utc).AddHours(rng.Next(24 * 60));
        void Record(Transition t, Decision decision, string stageName, string actor, string role, string? comment) =>
            b.Reviews.Add(Keyed(new ReviewRecord(list.Id, list.Revision, t.Stage?.Code, stageName, decision, 0, actor, role, comment,
                ListContent.Hash(list, points), t.Signed || decision == Decision.Submit, at = at.AddHours(4 + rng.Next(72))), ++_review));

        var submit = Workflow.Submit(scheme, list);
        list.Apply(submit);
        Record(submit, Decision.Submit, submit.Stage?.Name ?? "提交审核", writer, list.HolderPersonId is not null ? "本人" : "填报人", null);
        var stages = Workflow.Stages(scheme, list.Scope).Count;
        var approvals = roll < 15 ? 0 : roll < 35 ? rng.Next(stages) : stages;
        if (roll < 15)
        {
            var stage = Workflow.CurrentStage(scheme, list)!;
            var back = Workflow.Return(scheme, list, null, "风险点描述不够具体，请补充表现形式");
            list.Apply(back);
            Record(back, Decision.Return, stage.Name, deptHead, Workflow.ActorLabel(stage.Actor), "风险点描述不够具体，请补充表现形式");
            return;
        }
        for (var i = 0; i < approvals && list.Stage is not null; i++)
        {
            var stage = Workflow.CurrentStage(scheme, list)!;
            var t = Workflow.Approve(scheme, list, null);
            list.Apply(t);
            var actor = stage.Actor switch
            {
                StageActor.DeptHead => deptHead,
                StageActor.LeaderInCharge => leader,
                StageActor.Principal => principal,
                StageActor.Agency => agency,
                _ => principal,
            };
            Record(t, Decision.Approve, stage.Name, actor, Workflow.ActorLabel(stage.Actor), "同意");
            if (t.Final)
                b.Filings.AddRange(Filing.OnFinalApproval(scheme, list, points, commissionId, at).Select(f => Keyed(f, ++_filing)));
        }
    }

    /// <summary>Share of approved points whose leader's inspections due by today are done, and of 重要 points with their 立项监督.</summary>
    private const int LeaderDonePercent = 88, ProjectDonePercent = 85;

    /// <summary>
    /// The duties the warning rules check, as a diligent but not perfect year leaves them: the responsible leader (every
    /// point of the unit names the principal) has made the inspections due by today (LeaderInspections' perYear, by
    /// <see cref="WarningRules.InspectionsDue"/>) on most approved points, a few on the rest; the 派驻机构 has a 立项监督 on
    /// most 重要 points (ProjectSupervision's levels). Each inspection covers a run of points, as a visit or a project does.
    /// </summary>
    private void Duties(Batch b, List<RiskPoint> unitPoints, OrgUnit unit, Person principal, OrgUnit agency, Scheme scheme, Random rng, DateOnly today)
    {
        var approved = unitPoints.Where(p => p.List.Status is ListStatus.Approved or ListStatus.Published).ToList();
        var perYear = WarningRules.LeaderInspectionsPerYear(scheme);
        var due = WarningRules.InspectionsDue(perYear, today.Year, today);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var days = DateTime.IsLeapYear(today.Year) ? 366 : 365;
        // how many of the due inspections each point had: all of them, or fewer (the points the warning names)
        var made = approved.Select(p => (Point: p, Count: rng.Next(100) < LeaderDonePercent ? due : rng.Next(due))).ToList();
        for (var k = 1; k <= due; k++)
        {
            // the k-th inspection falls in the k-th share of the year, which has ended by today since k is due
            var from = yearStart.AddDays((k - 1) * days / perYear);
            var to = yearStart.AddDays(Math.Min(k * days / perYear, today.DayOfYear) - 1);
            foreach (var run in made.Where(x => x.Count >= k).Select(x => x.Point).Chunk(15 + rng.Next(26)))
            {
                var date = from.AddDays(rng.Next(to.DayNumber - from.DayNumber + 1));
                Covering(b, run, new Inspection(InspectionType.SiteVisit, unit.Id, null, date, 0, principal.Id, principal.Name,
                    $"“一岗双责”：{rng.Pick(Vocabulary.InspectionSubjects)}", "已按计划完成，记录在案", planned: false, today,
                    date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc)));
            }
        }
        var levels = scheme.RuleList(RuleKinds.ProjectSupervision, "levels");
        var important = approved.Where(p => levels.Contains(p.EffectiveLevelCode) && rng.Next(100) < ProjectDonePercent).ToList();
        foreach (var run in important.Chunk(20 + rng.Next(21)))
        {
            var date = new DateOnly(today.Year, 1, 10).AddDays(rng.Next(Math.Max(1, today.DayOfYear - 10)));
            Covering(b, run, new Inspection(InspectionType.Project, unit.Id, null, date, 0, null, agency.Name,
                $"{rng.Pick(Vocabulary.Matters)}立项监督方案", "立项监督报告：已按方案完成监督，未发现问题", planned: false, today,
                date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc)));
        }
    }

    private void Covering(Batch b, RiskPoint[] points, Inspection inspection)
    {
        b.Inspections.Add(Keyed(inspection, ++_inspection));
        foreach (var p in points) b.Targets.Add(new InspectionTarget(inspection, p.Id));
    }

    /// <summary>Ten inspections a unit through the year; a third find something, and each finding gets a rectification.</summary>
    private void Supervise(Batch b, List<RiskPoint> unitPoints, List<(Post Post, Person Person, OrgUnit Org)> holders,
        OrgUnit agency, Random rng, DateOnly today)
    {
        for (var i = 0; i < 10; i++)
        {
            var type = (InspectionType)(i % 4);
            var (_, person, org) = rng.Pick(holders);
            var date = new DateOnly(today.Year, 1, 10).AddDays(rng.Next(Math.Max(1, today.DayOfYear - 10)));
            var inspection = Keyed(new Inspection(type, org.Id, type is InspectionType.Talk or InspectionType.Written ? person.Id : null, date, 0, null,
                agency.Name, rng.Pick(Vocabulary.InspectionSubjects), type is InspectionType.Talk or InspectionType.SiteVisit ? "已按计划完成，记录在案" : null,
                planned: false, today,
                date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc)), ++_inspection);
            b.Inspections.Add(inspection);
            foreach (var p in Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => rng.Pick(unitPoints)).DistinctBy(p => p.Id))
                b.Targets.Add(new InspectionTarget(inspection, p.Id));
            if (rng.Next(3) != 0) continue;
            var finding = Keyed(new Finding(inspection, rng.Pick(Vocabulary.FindingTexts), rng.Pick(unitPoints).Id, person.Id,
                date.ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc)), ++_finding);
            b.Findings.Add(finding);
            var deadline = date.AddDays(30 + rng.Next(60));
            var rectification = Keyed(new Rectification(finding, org.Id, person.Name, "对照问题逐项整改，完善制度并报送佐证材料", deadline, date, person.Id),
                ++_rectification);
            if (deadline < today && rng.Next(4) != 0)
                rectification.RecordClosed("已完成整改", deadline.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
                    agency.Name, deadline.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc));
            b.Rectifications.Add(rectification);
        }
        var (_, who, at) = rng.Pick(holders);
        b.Complaints.Add(Keyed(new Complaint(ComplaintSource.Petition, at.Id, who.Id, null,
            $"反映{at.Name}在{rng.Pick(Vocabulary.Matters)}中{rng.Pick(Vocabulary.Manifestations)}",
            null, null, time.UtcNow()), ++_complaint));
    }
}

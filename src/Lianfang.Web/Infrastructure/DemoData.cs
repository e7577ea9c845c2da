using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Account;
using Lianfang.Web.Features.Org;
using Lianfang.Web.Features.People;
using Lianfang.Web.Features.Register;
using Microsoft.AspNetCore.Identity;

namespace Lianfang.Web.Infrastructure;

/// <summary>`--demo`: a small commission with units, posts, people and one account per role (see README).</summary>
public static class DemoData
{
    public const string CommissionName = "示范市纪委监委";
    public const string Password = "Lianfang-demo-2026";

    /// <summary>The demo's campaign, of the current year by <paramref name="time"/>.</summary>
    public static string CampaignName(TimeProvider time) => $"{time.Today().Year}年度廉洁风险排查";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        if (await db.OrgUnits.AnyAsync(u => u.ParentId == null && u.Name == CommissionName, ct)) return;
        var root = new AccessScope(-1, null, [new ResolvedGrant(Role.Admin, null, null, [])]);

        async Task<OrgUnit> Unit(string name, OrgUnitKind kind, OrgUnit? parent, params OrgUnit[] supervises) =>
            await OrgUnitCommands.CreateAsync(db, root, new(name, kind, parent?.Id, supervises.Select(s => s.Id).ToList(), null), ct);

        var commission = await Unit(CommissionName, OrgUnitKind.Commission, null);
        var health = await Unit("示范市卫生健康委员会", OrgUnitKind.Unit, commission);
        var finance = await Unit("示范市财政局", OrgUnitKind.Unit, commission);
        var agency = await Unit("派驻第一纪检监察组", OrgUnitKind.Agency, commission, health, finance);
        var office = await Unit("办公室", OrgUnitKind.Department, health);
        var medical = await Unit("医政医管处", OrgUnitKind.Department, health);
        var accounts = await Unit("财务处", OrgUnitKind.Department, health);
        var hospital = await Unit("示范市人民医院", OrgUnitKind.Unit, health);
        var procurement = await Unit("采购中心", OrgUnitKind.Department, hospital);
        var treasury = await Unit("国库科", OrgUnitKind.Department, finance);
        var purchase = await Unit("政府采购管理科", OrgUnitKind.Department, finance);

        async Task<Person> Staff(OrgUnit unit, string post, PostTier tier, string name, string title, string duties, string integrity)
        {
            var p = await PeopleCommands.CreatePostAsync(db, root, new(unit.Id, post, tier, duties, integrity, null), ct);
            return await PeopleCommands.CreatePersonAsync(db, root, new(name, title, unit.Id, p.Id, new DateOnly(2021, 3, 1), null), time, ct);
        }

        var director = await Staff(health, "主任", PostTier.Leader, "陈刚", "党委书记、主任", "主持委党委和行政全面工作", "履行党风廉政建设主体责任第一责任人职责");
        var deputy = await Staff(health, "分管财务副主任", PostTier.Leader, "孙伟", "党委委员、副主任", "分管财务处、医政医管处", "对分管领域党风廉政建设负直接领导责任（一岗双责）");
        var officeHead = await Staff(office, "办公室主任", PostTier.Middle, "周丽", "办公室主任", "负责机关日常运转、党建和廉政风险防控组织工作", "组织开展廉政风险排查和公示");
        var financeHead = await Staff(accounts, "财务处处长", PostTier.Middle, "赵强", "处长", "负责委机关预算、资金拨付和财务管理", "对本处廉政风险防控负直接责任");
        var accountant = await Staff(accounts, "会计", PostTier.Other, "王芳", "科员", "负责会计核算、报销审核", "严格执行财经纪律，不违规报销");
        var medicalHead = await Staff(medical, "医政医管处处长", PostTier.Middle, "刘洋", "处长", "负责医疗机构执业许可和医疗质量管理", "规范行政许可，防止利益输送");
        await Staff(procurement, "采购中心主任", PostTier.Middle, "黄敏", "主任", "负责医院药品、耗材、设备采购", "严格执行政府采购规定，杜绝回扣");
        await Staff(treasury, "国库科科长", PostTier.Middle, "吴军", "科长", "负责国库集中支付", "严格资金支付审核");
        await Staff(purchase, "政府采购管理科科长", PostTier.Middle, "郑洁", "科长", "负责政府采购监督管理", "不干预采购评审");
        var inspector = new Person(agency, "林峰", "纪检监察组组长", new DateOnly(2020, 6, 1));
        var commissioner = new Person(commission, "许静", "党风政风监督室主任", new DateOnly(2019, 9, 1));
        db.People.AddRange(inspector, commissioner);
        await db.SaveChangesAsync(ct);
        // 卫健委's leading group: 陈刚 heads it, 孙伟 and 赵强 sit in it, 周丽 runs its office (for 002/003 campaigns).
        db.LeadingGroupMembers.AddRange(new Core.Review.LeadingGroupMember(health.Id, director.Id, Core.Review.GroupDuty.Head),
            new Core.Review.LeadingGroupMember(health.Id, deputy.Id, Core.Review.GroupDuty.Deputy),
            new Core.Review.LeadingGroupMember(health.Id, financeHead.Id, Core.Review.GroupDuty.Member),
            new Core.Review.LeadingGroupMember(health.Id, officeHead.Id, Core.Review.GroupDuty.Office));
        await db.SaveChangesAsync(ct);

        var users = services.GetRequiredService<UserManager<AppUser>>();
        async Task Account(string userName, string display, Person? person, params (Role Role, OrgUnit Unit)[] grants)
        {
            var user = new AppUser { UserName = userName, DisplayName = display, PersonId = person?.Id, CreatedAt = time.UtcNow() };
            user.Grants.AddRange(grants.Select(g => new UserGrant { Role = g.Role, OrgUnitId = g.Unit.Id }));
            CreateUser.Check(await users.CreateAsync(user, Password));
        }
        await Account("demo.staff", "王芳（会计）", accountant, (Role.Staff, accounts));
        await Account("demo.depthead", "赵强（财务处处长）", financeHead, (Role.DeptHead, accounts));
        await Account("demo.depthead2", "刘洋（医政医管处处长）", medicalHead, (Role.DeptHead, medical));
        await Account("demo.leader", "孙伟（分管副主任）", deputy, (Role.LeaderInCharge, accounts), (Role.LeaderInCharge, medical));
        await Account("demo.principal", "陈刚（主任）", director, (Role.Principal, health));
        await Account("demo.partyoffice", "周丽（办公室）", officeHead, (Role.PartyOffice, health));
        await Account("demo.agency", "林峰（派驻纪检监察组）", inspector, (Role.Agency, agency));
        await Account("demo.commission", "许静（市纪委监委）", commissioner, (Role.Commission, commission));
        await Account("demo.helper", "行风监督员", null, (Role.Helper, health));
        await Account("demo.admin", "示范市系统管理员", null, (Role.Admin, commission));
        await Account("demo.secadmin", "示范市安全管理员", null, (Role.SecurityAdmin, commission));
        await Account("demo.auditor", "示范市审计管理员", null, (Role.Auditor, commission));

        // A campaign under way over 卫健委 this year, its deadline ahead (a newcomer meets no "overdue" on the first page),
        // with the unit's own points and the accountant's personal ones.
        var register = services.GetRequiredService<RegisterCommands>();
        var year = time.Today().Year;
        var city = new AccessScope(-1, commissioner.Id, [new ResolvedGrant(Role.Commission, commission.Id, commission.Path, [])]);
        var campaign = await register.OpenCampaignAsync(city, new(CampaignName(time), year, "shaoxing-2018", health.Id, time.Today().AddDays(45), null), ct);
        var lists = await db.RiskLists.Where(l => l.CampaignId == campaign.Id).ToListAsync(ct);
        var partyOffice = new AccessScope(-1, officeHead.Id, [new ResolvedGrant(Role.PartyOffice, health.Id, health.Path, [])]);
        var unitList = lists.Single(l => l.Scope == ListScope.Unit && l.OrgUnitId == health.Id);
        await register.AddPointAsync(partyOffice, unitList.Id, Point("decision", "“三重一大”事项未经集体研究，个人或少数人说了算", "important",
            ["严格执行“三重一大”集体决策制度", "会议纪要存档备查"], "《“三重一大”决策制度实施办法》", "决策程序", "孙伟"), ct);
        await register.AddPointAsync(partyOffice, unitList.Id, Point("power", "医疗机构执业许可审批中降低标准、吃拿卡要", "important",
            ["审批事项网上公开办理", "审批结果公示", "纪检全程监督"], "《行政许可法》", "许可审批", "孙伟"), ct);
        var mine = new AccessScope(-1, accountant.Id, []);
        var own = lists.Single(l => l.HolderPersonId == accountant.Id);
        await register.AddPointAsync(mine, own.Id, Point("post", "报销审核把关不严，虚假票据入账", "general",
            ["逐笔复核原始票据", "大额支出双人审核"], "《会计法》", "报销审核", "赵强"), ct);
        // warnings from the first minute, so the dashboards and the 预警 page have something to show
        await services.GetRequiredService<Features.Supervision.WarningSweep>().RunAsync(null, ct);
    }

    private static RiskPointContent Point(string category, string description, string level, string[] measures, string basis, string focus, string leader) =>
        new(category, description, null, level, null, null, ["单位自查"], measures.Select(m => new ControlMeasure(m, "制度建设")).ToList(),
            new SupervisionPath(basis, focus, ["查阅资料", "实地走访"]), new Responsible(leader, null, []), ElementsChecked: true);
}

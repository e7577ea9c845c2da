using System.Globalization;
using System.Text.Json;
using Lianfang.Core.Audit;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;

namespace Lianfang.Web.Features.Audit;

/// <summary>
/// The audit trail as people read it: Chinese names of things and fields, local times, names instead of ids, and only the
/// fields that say something (a stamp or a version number does not).
/// </summary>
public sealed class AuditView(AppDbContext db)
{
    public static readonly Dictionary<string, string> EntityTypes = new()
    {
        ["OrgUnit"] = "机构", ["AgencySupervision"] = "派驻监督", ["Post"] = "岗位", ["Person"] = "人员", ["PostAssignment"] = "任职",
        ["AppUser"] = "账号", ["UserGrant"] = "账号权限", ["IdentityUserToken`1"] = "账号密钥", ["SchemeRecord"] = "防控方案", ["Campaign"] = "排查",
        ["RiskList"] = "清单", ["RiskPoint"] = "风险点", ["ReviewRecord"] = "审核签字", ["Filing"] = "备案", ["FormFiling"] = "登记表备案",
        ["Publication"] = "公示", ["ReviewInvitation"] = "帮查邀请", ["LeadingGroupMember"] = "领导小组成员", ["PeerPair"] = "交叉互查结对",
        ["RowSignature"] = "逐条签字", ["Complaint"] = "信访举报", ["Inspection"] = "监督检查", ["InspectionTarget"] = "检查对象",
        ["Finding"] = "检查发现问题", ["Rectification"] = "整改", ["EvidenceFile"] = "佐证材料", ["Disposition"] = "四种形态处置",
        ["PowerItem"] = "职权事项", ["IntegrityFileEntry"] = "廉政档案记载", ["Assessment"] = "考核", ["ResponsibilityLetter"] = "责任书",
        ["PasswordPolicyRow"] = "安全策略", ["InternalRule"] = "制度", ["InternalRulePoint"] = "制度对应风险点",
    };

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Id"] = "编号", ["Name"] = "名称", ["Kind"] = "类型", ["ParentId"] = "上级机构", ["Path"] = "树路径", ["Tier"] = "岗位层面",
        ["Duties"] = "岗位职责", ["IntegrityDuties"] = "廉政职责", ["Title"] = "职务", ["AppointedOn"] = "任职时间", ["OrgUnitId"] = "机构",
        ["PostId"] = "岗位", ["PersonId"] = "人员", ["UserId"] = "账号", ["UserName"] = "用户名", ["DisplayName"] = "显示名称", ["Role"] = "角色",
        ["From"] = "起", ["To"] = "止", ["AgencyId"] = "派驻机构", ["UnitId"] = "监督单位", ["LockoutEnd"] = "锁定至",
        ["AccessFailedCount"] = "登录失败次数", ["TwoFactorEnabled"] = "两步验证", ["LockoutEnabled"] = "允许锁定", ["CreatedAt"] = "创建时间",
        ["Email"] = "电子邮箱", ["Year"] = "年度", ["SchemeCode"] = "方案", ["RootOrgUnitId"] = "排查范围", ["Deadline"] = "截止日期", ["Status"] = "状态",
        ["ChangeReason"] = "调整原因", ["CarriedFromId"] = "延续自", ["CampaignId"] = "排查", ["ListId"] = "清单", ["Scope"] = "清单类别",
        ["HolderPersonId"] = "本人", ["Stage"] = "当前环节", ["Revision"] = "版次", ["SubmittedAt"] = "提交时间", ["ApprovedAt"] = "审定时间",
        ["Description"] = "风险点描述", ["CategoryCode"] = "风险类别", ["LevelCode"] = "风险等级（自评）", ["ApprovedLevelCode"] = "风险等级（审定）",
        ["Manifestation"] = "表现形式", ["Measures"] = "防控措施", ["Supervision"] = "监督检查路径", ["Responsible"] = "责任人", ["Seq"] = "序号",
        ["Decision"] = "决定", ["Comment"] = "意见", ["StageName"] = "环节", ["Actor"] = "审核人", ["RoleLabel"] = "身份", ["At"] = "时间",
        ["Content"] = "内容", ["ContactName"] = "联系人", ["Contact"] = "联系方式", ["Source"] = "来源", ["ReceivedAt"] = "收到时间",
        ["Type"] = "方式", ["Date"] = "日期", ["Subject"] = "检查事项", ["Record"] = "记录", ["InspectorName"] = "检查人", ["Owner"] = "整改责任人",
        ["Address"] = "来源地址", ["Channel"] = "方式", ["OwnerPersonId"] = "整改责任人", ["OwnerOrgUnitId"] = "整改责任单位", ["Task"] = "整改要求",
        ["Report"] = "整改情况", ["VerifiedBy"] = "验收人",
        ["Form"] = "形态", ["Measure"] = "处理方式", ["Reason"] = "事由", ["DecidedOn"] = "决定日期", ["Score"] = "得分", ["MaxScore"] = "满分",
        ["Grade"] = "等次", ["Quarter"] = "季度", ["AssessedBy"] = "评定人", ["Items"] = "评分", ["IssuedBy"] = "签订领导", ["SignedOn"] = "签订日期",
        ["Until"] = "公示截止", ["ContentHash"] = "内容哈希", ["VerificationCode"] = "验证码", ["Category"] = "类别", ["Basis"] = "依据",
        ["Duty"] = "职务", ["PeerOrgUnitId"] = "互查部门", ["Json"] = "方案内容", ["Likelihood"] = "可能性", ["Harm"] = "危害程度",
        ["ElementsChecked"] = "三要素已研判", ["Supervisor"] = "监督责任人", ["FileName"] = "文件名", ["Size"] = "大小",
        ["EmailConfirmed"] = "邮箱已确认", ["PhoneNumber"] = "电话", ["PhoneNumberConfirmed"] = "电话已确认", ["PasswordChangedAt"] = "密码设置时间",
        ["MustChangePassword"] = "须修改密码", ["MinLength"] = "密码最短长度", ["ExpiryDays"] = "密码有效期（天）", ["ChangeInitial"] = "初始密码首次登录须修改",
        ["MaxFailedAttempts"] = "连续失败锁定次数", ["LockoutMinutes"] = "锁定时长（分钟）", ["UpdatedAt"] = "修改时间", ["UpdatedBy"] = "修改人",
        ["Change"] = "新建或修订", ["AdoptedOn"] = "印发（修订）日期", ["DocumentNumber"] = "文号", ["Remarks"] = "备注", ["InternalRuleId"] = "制度",
        ["RiskPointId"] = "风险点",
        ["DisclosureScope"] = "公开范围",
    };

    /// <summary>Stored enum values (names or numbers) shown by their Chinese labels, by entity and field.</summary>
    private static readonly Dictionary<(string Entity, string Field), Func<string, string?>> Values = new()
    {
        [("OrgUnit", "Kind")] = Label<Lianfang.Core.Org.OrgUnitKind>(k => k.Label()),
        [("Post", "Tier")] = Label<Lianfang.Core.Org.PostTier>(t => t.Label()),
        [("RiskList", "Status")] = Label<Lianfang.Core.Register.ListStatus>(s => s.Label()),
        [("RiskList", "Scope")] = Label<Lianfang.Core.Schemes.ListScope>(s => s.Label()),
        [("Campaign", "Status")] = Label<Lianfang.Core.Register.CampaignStatus>(s => s == Lianfang.Core.Register.CampaignStatus.Open ? "进行中" : "已结束"),
        [("ReviewRecord", "Decision")] = Label<Lianfang.Core.Review.Decision>(d => d.Label()),
        [("Complaint", "Status")] = Label<Lianfang.Core.Supervision.ComplaintStatus>(Lianfang.Core.Supervision.Complaint.Label),
        [("Complaint", "Source")] = Label<Lianfang.Core.Supervision.ComplaintSource>(s =>
            s == Lianfang.Core.Supervision.ComplaintSource.PublicFeedback ? "群众反映" : "信访举报"),
        [("Inspection", "Type")] = Label<Lianfang.Core.Supervision.InspectionType>(Lianfang.Core.Supervision.Inspection.Label),
        [("Inspection", "Status")] = Label<Lianfang.Core.Supervision.InspectionStatus>(Lianfang.Core.Supervision.Inspection.Label),
        [("Rectification", "Status")] = Label<Lianfang.Core.Supervision.RectificationStatus>(Lianfang.Core.Supervision.Rectification.Label),
        [("PowerItem", "Category")] = Label<Lianfang.Core.Powers.PowerCategory>(Lianfang.Core.Powers.PowerItem.Label),
        [("PowerItem", "DisclosureScope")] = Label<Lianfang.Core.Powers.DisclosureScope>(Lianfang.Core.Powers.PowerItem.Label),
        [("InternalRule", "Change")] = Label<Lianfang.Core.Register.RuleChange>(Lianfang.Core.Register.InternalRule.Label),
        [("IntegrityFileEntry", "Type")] = Label<Lianfang.Core.Files.IntegrityEntryType>(Lianfang.Core.Files.IntegrityFileEntry.Label),
        [("LeadingGroupMember", "Duty")] = Label<Lianfang.Core.Review.GroupDuty>(Lianfang.Core.Review.LeadingGroupMember.Label),
        [("Assessment", "Kind")] = Label<Lianfang.Core.Assessments.AssessmentKind>(k => k == Lianfang.Core.Assessments.AssessmentKind.Annual ? "年终考核" : "季度自查"),
    };

    private static Func<string, string?> Label<T>(Func<T, string> label) where T : struct, Enum =>
        v => Enum.TryParse<T>(v, out var e) && Enum.IsDefined(e) ? label(e) : null;

    /// <summary>Fields whose value is the id of something with a name, and where to look the name up.</summary>
    private static readonly Dictionary<string, string> References = new()
    {
        ["OrgUnitId"] = "OrgUnit", ["ParentId"] = "OrgUnit", ["RootOrgUnitId"] = "OrgUnit", ["OwnerOrgUnitId"] = "OrgUnit", ["AgencyId"] = "OrgUnit",
        ["UnitId"] = "OrgUnit", ["PeerOrgUnitId"] = "OrgUnit", ["PersonId"] = "Person", ["HolderPersonId"] = "Person", ["OwnerPersonId"] = "Person",
        ["PostId"] = "Post", ["UserId"] = "AppUser", ["CampaignId"] = "Campaign", ["CarriedFromId"] = "Campaign",
    };

    /// <summary>Changed fields that tell nothing to a reader.</summary>
    private static readonly HashSet<string> Noise = ["Id", "Path", "ContentHash", "PriorHash", "SearchText", "Hash"];

    public sealed record Change(string Field, string? Before, string? After);
    public sealed record Row(AuditEvent Event, string Kind, string Object, IReadOnlyList<Change> Changes);

    public static string Kind(string entityType) => EntityTypes.GetValueOrDefault(entityType, entityType);

    public static string ActionLabel(string action) => action switch
    {
        "Insert" => "新增", "Update" => "修改", "Delete" => "删除", "Read" => "查阅", "Login" => "登录成功", "LoginFailed" => "登录失败", _ => action,
    };

    /// <summary>The page of events with names looked up once for all of them.</summary>
    public async Task<List<Row>> DescribeAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        var parsed = events.Select(e => (Event: e, Fields: Parse(e.Changes))).ToList();
        var wanted = new Dictionary<string, HashSet<int>>();
        void Want(string type, string? id) { if (int.TryParse(id, out var n)) (wanted.TryGetValue(type, out var s) ? s : wanted[type] = []).Add(n); }
        foreach (var (e, fields) in parsed)
        {
            if (e.EntityType is "OrgUnit" or "Person" or "Post" or "AppUser" or "Campaign") Want(e.EntityType, e.EntityId);
            foreach (var (name, before, after) in fields)
                if (References.TryGetValue(name, out var type)) { Want(type, before); Want(type, after); }
        }
        var names = await NamesAsync(wanted, ct);
        string? Show(string entity, string field, string? value)
        {
            if (value is null) return null;
            if (Values.TryGetValue((entity, field), out var label) && label(value) is { } shown) return shown;
            if (bool.TryParse(value, out var yes)) return yes ? "是" : "否";
            if (References.TryGetValue(field, out var type) && int.TryParse(value, out var id))
                return names.TryGetValue((type, id), out var n) ? n : $"#{id}";
            if (field == "Role" && Enum.TryParse<Lianfang.Core.Access.Role>(value, out var role))
                return Lianfang.Core.Access.Roles.Label(role); // a grant's role, by its name
            if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) && value.Contains('T'))
                return Clock.Local(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime())
                    .ToString("yyyy-MM-dd HH:mm");
            return value.Length > 120 ? value[..120] + "…" : value;
        }
        return parsed.Select(x =>
        {
            var e = x.Event;
            var obj = int.TryParse(e.EntityId, out var id) && names.TryGetValue((e.EntityType, id), out var n) ? $"{n}（#{id}）" : $"#{e.EntityId}";
            var changes = x.Fields.Where(f => !Noise.Contains(f.Name))
                .Select(f => new Change(Fields.GetValueOrDefault(f.Name, f.Name), Show(e.EntityType, f.Name, f.Before), Show(e.EntityType, f.Name, f.After)))
                .ToList();
            return new Row(e, Kind(e.EntityType), obj, changes);
        }).ToList();
    }

    private async Task<Dictionary<(string, int), string>> NamesAsync(Dictionary<string, HashSet<int>> wanted, CancellationToken ct)
    {
        var names = new Dictionary<(string, int), string>();
        foreach (var (type, set) in wanted)
        {
            var ids = set.ToList();
            var found = type switch
            {
                "OrgUnit" => await db.OrgUnits.Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct),
                "Person" => await db.People.Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct),
                "Post" => await db.Posts.Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct),
                "AppUser" => await db.Users.Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.DisplayName ?? x.UserName! }).ToListAsync(ct),
                "Campaign" => await db.Campaigns.Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct),
                _ => [],
            };
            foreach (var f in found) names[(type, f.Id)] = f.Name;
        }
        return names;
    }

    /// <summary>The stored JSON {property: [before, after]}.</summary>
    private static List<(string Name, string? Before, string? After)> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        static string? V(JsonElement v) => v.ValueKind == JsonValueKind.Null ? null : v.ToString();
        return doc.RootElement.ValueKind != JsonValueKind.Object ? []
            : doc.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.Array ? V(p.Value[0]) : null,
                p.Value.ValueKind == JsonValueKind.Array ? V(p.Value[1]) : V(p.Value))).ToList();
    }
}

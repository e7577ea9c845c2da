using Lianfang.Core.Access;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Register;

/// <summary>Who writes which list. A personal list is written by its holder alone (003: 任何人不得代替撰写).</summary>
public static class ListAuthoring
{
    /// <param name="scheme">its HolderWritesOwnList rule (003: 任何人不得代替撰写) leaves a department's list to the department's own head</param>
    public static bool CanWrite(AccessScope scope, RiskList list, string orgPath, Scheme? scheme = null) =>
        CanWrite(scope, list.Scope, list.HolderPersonId, orgPath, OwnOnly(scheme));

    public static bool CanWrite(AccessScope scope, ListScope listScope, int? holderPersonId, string orgPath, bool ownOnly = false)
    {
        if (holderPersonId is { } holder) return scope.PersonId == holder;
        return listScope switch
        {
            ListScope.Unit => scope.HasRoleOver(orgPath, Role.PartyOffice, Role.Principal),
            _ when ownOnly => scope.HasRoleOver(orgPath, Role.DeptHead),
            _ => scope.HasRoleOver(orgPath, Role.DeptHead, Role.PartyOffice),
        };
    }

    private static bool OwnOnly(Scheme? scheme) => scheme?.Has(RuleKinds.HolderWritesOwnList) == true;

    public static string WhoWrites(RiskList list, Scheme? scheme = null) => list.HolderPersonId is not null
        ? "个人清单只能由本人填写（任何人不得代替撰写）"
        : list.Scope == ListScope.Unit ? "单位清单由本单位党办（政治处）或主要负责人填写"
        : OwnOnly(scheme) ? "科室清单只能由本科室负责人填写（任何人不得代替撰写廉政风险点，不得代替填报表格）"
        : "由处室（科室）负责人或本单位党办填写";

    /// <summary>Campaigns are opened by the party office of the unit, the commission, or an admin.</summary>
    public static bool CanOpenCampaign(AccessScope scope, string orgPath) =>
        scope.HasRoleOver(orgPath, Role.PartyOffice, Role.Commission); // business, not the administrators' (三员分立)
}

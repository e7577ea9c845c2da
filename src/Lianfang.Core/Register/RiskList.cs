using Lianfang.Core.Schemes;

namespace Lianfang.Core.Register;

public enum ListStatus { Draft, InReview, Returned, Approved, Published }

/// <summary>清单 / 登记表 / 查找表: the list of one unit, department, post or person in a campaign.</summary>
public sealed class RiskList : IVersioned
{
    private RiskList() { SchemeCode = ""; }

    public RiskList(Campaign campaign, ListScope scope, int orgUnitId, int? postId, int? holderPersonId)
    {
        if (scope is ListScope.Person && holderPersonId is null)
            throw new DomainException("personId", "个人清单需要指定本人");
        if (scope is ListScope.Post && postId is null) throw new DomainException("postId", "岗位清单需要指定岗位");
        Campaign = campaign;
        CampaignId = campaign.Id;
        SchemeCode = campaign.SchemeCode;
        Scope = scope;
        OrgUnitId = orgUnitId;
        PostId = postId;
        HolderPersonId = holderPersonId;
    }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public Campaign Campaign { get; private set; } = null!;
    public string SchemeCode { get; private set; }
    public ListScope Scope { get; private set; }
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    public int? PostId { get; private set; }
    /// <summary>The person whose own list this is; only they write it (003: 任何人不得代替撰写).</summary>
    public int? HolderPersonId { get; private set; }
    public ListStatus Status { get; private set; }
    /// <summary>The review stage the list waits at, once submitted.</summary>
    public string? Stage { get; private set; }
    /// <summary>Counts reopenings: each revision is reviewed and signed anew.</summary>
    public int Revision { get; private set; } = 1;
    public int Version { get; set; }
    /// <summary>公开承诺 of the holder, printed on the desk card; part of the signed content.</summary>
    public string? Commitment { get; private set; }

    public bool IsPersonal => Scope is ListScope.Person || (Scope is ListScope.Post && HolderPersonId is not null);

    /// <summary>Applies a review transition; a reopened list starts a new revision.</summary>
    public void Apply(Review.Transition t, bool reopening = false)
    {
        Status = t.Status;
        Stage = t.NextStage?.Code;
        if (reopening) Revision++;
    }

    public void SetCommitment(string? text)
    {
        EnsureEditable();
        Commitment = Text.Optional(text, "commitment", "公开承诺", 500);
    }

    /// <summary>Points may change only while the list is being written or after it was sent back.</summary>
    public void EnsureEditable()
    {
        if (Status is not (ListStatus.Draft or ListStatus.Returned))
            throw DomainException.Conflict("status", $"清单当前状态为“{Status.Label()}”，不能修改风险点");
    }
}

public static class ListStatusNames
{
    public static string Label(this ListStatus s) => s switch
    {
        ListStatus.Draft => "填写中",
        ListStatus.InReview => "审核中",
        ListStatus.Returned => "已退回",
        ListStatus.Approved => "已审定",
        _ => "已公示",
    };

    public static string Label(this ListScope s) => s switch
    {
        ListScope.Person => "个人",
        ListScope.Post => "岗位",
        ListScope.Department => "处室/科室",
        _ => "单位",
    };
}

namespace Lianfang.Core.Review;

public enum SignatureStatus
{
    /// <summary>The list's content is exactly what was signed.</summary>
    Valid,
    /// <summary>Valid for the content of that moment; every change since was made by a later signed act.</summary>
    Amended,
    /// <summary>The content changed without a signature (or after the final approval).</summary>
    Altered,
}

/// <summary>A later signed act that changed what an earlier signature bound.</summary>
public sealed record SignedAct(long RecordId, int Revision, string Stage, string Signer, string Role, DateTime At, string? VerificationCode,
    string What, IReadOnlyList<ContentChange> Changes);

public sealed record SignatureVerdict(SignatureStatus Status, IReadOnlyList<SignedAct> ChangesSince)
{
    public string Label => Status switch
    {
        SignatureStatus.Valid => "签字有效：清单现在的内容与签字时完全一致",
        SignatureStatus.Amended => "签字有效（对签字时的内容）；其后的修改均由后续环节签字确认",
        _ => "签字真实，但清单在签字后有未经签字的修改，签字不覆盖现在的内容",
    };
}

/// <summary>
/// Whether a signature still holds. Each signature binds the content hash of its moment forever; the list may move on
/// only through signed acts: a reviewer's signed changes (审定 …) made to exactly the content the previous act left,
/// or a resubmission signed by the writer after a return or reopening. Anything else between two acts, or after the
/// last one, is an alteration.
/// </summary>
public static class SignatureCheck
{
    /// <param name="history">the list's review records in the order they were made</param>
    public static SignatureVerdict Check(IReadOnlyList<ReviewRecord> history, ReviewRecord signature, string currentHash)
    {
        var hash = signature.ContentHash;
        var acts = new List<SignedAct>();
        var writerMayEdit = false;
        foreach (var r in history.SkipWhile(r => r.Id != signature.Id).Skip(1))
        {
            switch (r.Decision)
            {
                case Decision.Return:
                case Decision.Reopen:
                    if (r.ContentHash != hash) return Altered(acts);
                    writerMayEdit = true;
                    break;
                case Decision.Submit:
                    if (r.ContentHash != hash)
                    {
                        if (!writerMayEdit || !r.IsSignature) return Altered(acts);
                        acts.Add(Act(r, r.Revision > signature.Revision ? $"重新打开后修改，第 {r.Revision} 版由填写人签字提交" : "退回后由填写人修改并签字重新提交"));
                    }
                    writerMayEdit = false;
                    hash = r.ContentHash;
                    break;
                default:
                    if (r.Changes.Count > 0 && r.IsSignature && r.PriorHash == hash)
                    {
                        acts.Add(Act(r, $"{r.StageName}环节签字修改 {r.Changes.Count} 处"));
                        hash = r.ContentHash;
                    }
                    else if (r.ContentHash != hash) return Altered(acts);
                    break;
            }
        }
        if (currentHash != hash) return Altered(acts);
        return new SignatureVerdict(acts.Count == 0 ? SignatureStatus.Valid : SignatureStatus.Amended, acts);
    }

    private static SignatureVerdict Altered(List<SignedAct> acts) => new(SignatureStatus.Altered, acts);

    private static SignedAct Act(ReviewRecord r, string what) =>
        new(r.Id, r.Revision, r.StageName, r.Actor, r.RoleLabel, r.At, r.VerificationCode, what, r.Changes.Select(c => c.ToChange()).ToList());
}

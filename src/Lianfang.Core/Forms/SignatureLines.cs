using Lianfang.Core.Review;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Forms;

/// <summary>
/// A line under a form: a signature ("填表人签字"), an opinion with its signature ("单位审核意见：单位负责人签字（盖章）"),
/// or a block to write in ("改正意见", "个人防范风险公开承诺"). Filled from the list's review history when it has one.
/// </summary>
public sealed record FilledLine(string? Title, string Label, bool IsBlock, StageActor? Actor, string? Signer, DateTime? SignedAtUtc,
    string? VerificationCode, string? Text)
{
    public bool Signed => VerificationCode is not null;
}

public static class SignatureLines
{
    /// <summary>Who signs a line, from its words (the seeds name the signer, not the stage).</summary>
    public static StageActor? ActorOf(string line)
    {
        var t = SchemeText.Normalize(line);
        if (t.Contains("填表人") || t.Contains("填报人") || t.Contains("本人") || t is "责任人签字" or "责任人签名") return StageActor.Holder;
        if (t.Contains("分管")) return StageActor.LeaderInCharge;
        if (t.Contains("第一责任人") || t.Contains("处室") || t.Contains("科室")) return StageActor.DeptHead;
        if (t.Contains("单位负责人") || t.Contains("主要负责人") || t.Contains("主要领导") || t.Contains("领导班子")) return StageActor.Principal;
        if (t.Contains("派驻") || t.Contains("纪检")) return StageActor.Agency;
        if (t.Contains("党办") || t.Contains("政治处")) return StageActor.PartyOffice;
        return null;
    }

    /// <summary>The stage code a signature on the form itself (<see cref="FormDef.Countersign"/>) is recorded under.</summary>
    public static string CountersignCode(FormDef form) => "form:" + form.Code;

    /// <summary>A line signed on the form as the stage its signer is checked against (who may act, as for any stage).</summary>
    public static ReviewStageDef CountersignStage(FormDef form, string line) =>
        new() { Code = CountersignCode(form), Name = line, Actor = ActorOf(line) ?? throw new InvalidOperationException($"“{line}”names no signer") };

    /// <summary>The forms of a kind of list with lines signed on the form itself (a post list held by a person takes personal forms too).</summary>
    public static IEnumerable<FormDef> CountersignForms(Scheme scheme, ListScope scope, bool personal) => scheme.Forms.Where(f => f.Countersign.Count > 0
        && (f.For is null || f.For == scope || personal && scope == ListScope.Post && f.For == ListScope.Person));

    /// <summary>
    /// Fills the form's lines from the history of the list's current revision: the latest signature of the stage whose
    /// actor the line names (the submission for 填表人; for a line signed on the form, that signature), with its opinion; 改正意见 gathers the comments of returns; a
    /// 公开承诺 block prints the holder's own <paramref name="commitment"/> (part of the signed content).
    /// </summary>
    public static IReadOnlyList<FilledLine> Fill(FormDef form, Scheme scheme, ListScope scope, int revision, IEnumerable<ReviewRecord> history,
        string? commitment = null)
    {
        var records = history.Where(r => r.Revision == revision).OrderBy(r => r.At).ThenBy(r => r.Id).ToList();
        var stages = scheme.ListKinds.Count == 0 ? [] : Workflow.Stages(scheme, scope);
        StageActor? ActorOfRecord(ReviewRecord r) =>
            r.Decision == Decision.Submit ? StageActor.Holder : stages.FirstOrDefault(s => s.Code == r.StageCode)?.Actor;

        var lines = new List<FilledLine>();
        foreach (var (raw, title, label, isBlock) in Layout(form))
        {
            if (isBlock)
            {
                var text = raw.Contains("改正") || raw.Contains("修改意见")
                    ? string.Join("\n", records
                        .Where(r => r.Decision == Decision.Return && !string.IsNullOrWhiteSpace(r.Comment))
                        .Select(r => $"{r.StageName}：{r.Comment}"))
                    : raw.Contains("承诺") ? commitment : null;
                lines.Add(new FilledLine(raw, "", true, null, null, null, null, string.IsNullOrEmpty(text) ? null : text));
                continue;
            }
            var actor = ActorOf(label) ?? (title is null ? null : ActorOf(title));
            var record = form.Countersign.Contains(raw)
                ? records.LastOrDefault(r => r.IsSignature && r.Decision == Decision.Countersign && r.StageCode == CountersignCode(form) && r.StageName == raw)
                : actor is null ? null
                : records.LastOrDefault(r => r.IsSignature && r.Decision is Decision.Submit or Decision.Approve && ActorOfRecord(r) == actor);
            lines.Add(new FilledLine(title, label, false, actor, record?.Actor, record?.At, record?.VerificationCode, record?.Comment));
        }
        return lines;
    }

    /// <summary>
    /// Each line of the form as written (<c>Raw</c>), its title and label, and whether it is a block to write in rather than a
    /// signature: the form's layout, the same before anyone signs.
    /// </summary>
    public static IEnumerable<(string Raw, string? Title, string Label, bool IsBlock)> Layout(FormDef form) =>
        form.Signatures.Select(raw =>
        {
            var (title, label) = Split(raw);
            return (raw, title, label, !(label.Contains("签字") || label.Contains("签名")));
        });

    /// <summary>"单位审核意见：单位负责人签字（盖章）" → ("单位审核意见", "单位负责人签字（盖章）").</summary>
    private static (string? Title, string Label) Split(string line)
    {
        var i = line.IndexOfAny(['：', ':']);
        return i > 0 && i < line.Length - 1 ? (line[..i], line[(i + 1)..]) : (null, line.TrimEnd('：', ':'));
    }
}

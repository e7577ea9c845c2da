using Lianfang.Core.Forms;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Forms;

public class SignatureLinesTests
{
    [Fact]
    public void Every_signature_line_of_the_presets_names_a_stage_of_its_list_or_is_signed_on_the_form()
    {
        foreach (var scheme in Presets.All)
            foreach (var form in scheme.Forms.Where(f => !f.Columns.Any(c => c.Contains("合计")) && f.Columns.Any(c => FormColumns.Match(c) == FormField.Description)))
            {
                var actors = scheme.ListKinds.Where(k => form.For is null || k.Scope == form.For).SelectMany(k => k.Stages).Select(s => s.Actor)
                    .Append(StageActor.Holder).ToHashSet();
                foreach (var line in form.Signatures.Where(s => s.Contains("签字")))
                {
                    var actor = SignatureLines.ActorOf(line.Split('：')[^1]) ?? SignatureLines.ActorOf(line);
                    Assert.True(actor is not null, $"{scheme.Code}/{form.Code}: {line}");
                    Assert.True(actors.Contains(actor!.Value) != form.Countersign.Contains(line), $"{scheme.Code}/{form.Code}: {line} ({actor})");
                }
            }
    }

    [Fact]
    public void A_line_signed_on_the_form_prints_that_signature_and_no_stage_fills_it()
    {
        var scheme = Presets.Find("longsheng-2012")!;
        var form = scheme.Forms.Single(f => f.Code == "annex8");
        Assert.Equal(["分管领导签字"], form.Countersign);
        var t0 = new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);
        var submit = Record(1, "self", "个人自查", Decision.Submit, "王芳", null, true, t0);
        var lines = SignatureLines.Fill(form, scheme, ListScope.Person, 1, [submit, Record(1, "leadership", "领导班子审核确定", Decision.Approve, "张局", null, true, t0.AddDays(3))]);
        Assert.Null(lines.Single(l => l.Label == "分管领导签字").Signer); // the principal's approval is not the 分管领导's signature
        var countersign = Record(1, SignatureLines.CountersignCode(form), "分管领导签字", Decision.Countersign, "孙伟", "同意", true, t0.AddDays(4));
        lines = SignatureLines.Fill(form, scheme, ListScope.Person, 1, [submit, countersign]);
        var line = lines.Single(l => l.Label == "分管领导签字");
        Assert.Equal(("孙伟", countersign.VerificationCode), (line.Signer, line.VerificationCode));
        Assert.Equal("王芳", lines.Single(l => l.Label == "填表人签字").Signer);
        // another revision's signature does not carry over
        Assert.Null(SignatureLines.Fill(form, scheme, ListScope.Person, 2, [countersign]).Single(l => l.Label == "分管领导签字").Signer);
        Assert.Equal([form], SignatureLines.CountersignForms(scheme, ListScope.Person, true));
        Assert.Empty(SignatureLines.CountersignForms(scheme, ListScope.Department, false));
    }

    [Theory]
    [InlineData("处室（单位）主要负责人签字", StageActor.DeptHead)]
    [InlineData("责任领导（分管委领导）审核签字", StageActor.LeaderInCharge)]
    [InlineData("填表人签字", StageActor.Holder)]
    [InlineData("第一责任人签字", StageActor.DeptHead)]
    [InlineData("单位负责人签字（盖章）", StageActor.Principal)]
    [InlineData("责任人签字", StageActor.Holder)]
    public void Lines_name_their_signers(string line, StageActor actor) => Assert.Equal(actor, SignatureLines.ActorOf(line));

    private static ReviewRecord Record(int revision, string? stage, string stageName, Decision d, string actor, string? comment, bool signed, DateTime at) =>
        new(1, revision, stage, stageName, d, 1, actor, "", comment, new string('0', 64), signed, at);

    [Fact]
    public void Lines_are_filled_from_the_latest_signatures_of_the_current_revision()
    {
        var scheme = Presets.Find("sanjiang-2019")!;
        var form = scheme.Forms.Single(f => f.Code == "annex3");
        var t0 = new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);
        var history = new[]
        {
            Record(1, "self", "岗位自评", Decision.Submit, "旧签名", null, true, t0),
            Record(2, "self", "岗位自评", Decision.Submit, "王芳", null, true, t0.AddDays(10)),
            Record(2, "head", "单位负责人审核", Decision.Return, "陈刚", "措施不具体", false, t0.AddDays(11)),
            Record(2, "self", "岗位自评", Decision.Submit, "王芳", null, true, t0.AddDays(12)),
            Record(2, "head", "单位负责人审核", Decision.Approve, "陈刚", "同意", true, t0.AddDays(13)),
        };
        var lines = SignatureLines.Fill(form, scheme, ListScope.Post, 2, history);

        Assert.Equal(2, lines.Count);
        var opinion = lines[0];
        Assert.Equal(("单位审核意见", "单位负责人签字（盖章）", "陈刚", "同意"), (opinion.Title, opinion.Label, opinion.Signer, opinion.Text));
        Assert.Equal(history[4].VerificationCode, opinion.VerificationCode);
        var holder = lines[1];
        Assert.Equal(("责任人签字", "王芳", t0.AddDays(12)), (holder.Label, holder.Signer, holder.SignedAtUtc));
        Assert.Equal(10, holder.VerificationCode!.Length);
    }

    [Fact]
    public void An_unsigned_line_stays_blank_and_correction_opinions_gather_the_returns()
    {
        var scheme = Presets.Find("longsheng-2012")!;
        var form = scheme.Forms.Single(f => f.Code == "annex7");
        var history = new[] { Record(1, "leader", "分管领导审核", Decision.Return, "孙伟", "补充制度机制风险", false, Times.Now) };
        var lines = SignatureLines.Fill(form, scheme, ListScope.Department, 1, history);
        Assert.True(lines[0].IsBlock);
        Assert.Equal("分管领导审核：补充制度机制风险", lines[0].Text);
        Assert.All(lines.Skip(1), l => Assert.False(l.Signed));
    }

    [Fact]
    public void The_public_commitment_block_prints_the_holders_own_commitment()
    {
        var scheme = Presets.Find("longsheng-2012")!;
        var form = scheme.Forms.Single(f => f.Signatures.Contains("个人防范风险公开承诺"));
        var lines = SignatureLines.Fill(form, scheme, ListScope.Post, 1, [], "严守纪律，接受监督。");
        var block = Assert.Single(lines, l => l.Title == "个人防范风险公开承诺");
        Assert.True(block.IsBlock);
        Assert.Equal("严守纪律，接受监督。", block.Text);
        Assert.Null(SignatureLines.Fill(form, scheme, ListScope.Post, 1, []).Single(l => l.Title == "个人防范风险公开承诺").Text);
    }
}

public class CountersignValidationTests
{
    private static readonly Scheme Longsheng = Presets.Find("longsheng-2012")!;

    private static Scheme WithAnnex8Countersign(params string[] lines) =>
        Longsheng with { Code = "copy", Forms = [.. Longsheng.Forms.Select(f => f.Code == "annex8" ? f with { Countersign = lines } : f)] };

    [Theory]
    [InlineData("主要负责人签字")] // not a line of the form
    [InlineData("填表人签字")]     // the holder signs by submitting
    public void A_countersign_line_must_be_a_line_of_the_form_signed_by_someone_else(string line) =>
        Assert.Equal("forms[5].countersign", Assert.Throws<DomainException>(() => SchemeValidator.Validate(WithAnnex8Countersign(line))).Field);

    [Fact]
    public void The_preset_validates() => SchemeValidator.Validate(WithAnnex8Countersign("分管领导签字"));
}

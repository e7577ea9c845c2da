using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Web.Features.Register;

namespace Lianfang.Web.Features.Review;

/// <summary>One act in a list's history; a signature also says whether it holds (valid, amended, altered).</summary>
public sealed record HistoryDto(int Revision, string? Stage, string StageName, string Actor, string Role, Decision Decision, string? Comment,
    DateTime At, string ContentHash, string? VerificationCode, string? Status, IReadOnlyList<SignedChangeDto> Changes);
public sealed record SignedChangeDto(long PointId, int Seq, string Field, string? Before, string? After, string? Reason);
public sealed record ListStateDto(int Id, ListStatus Status, string? Stage, int Revision, int Version);

public static class ReviewApi
{
    private static ListStateDto State(RiskList l) => new(l.Id, l.Status, l.Stage, l.Revision, l.Version);

    public static void Map(RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/lists").WithTags("审核与签字");
        lists.MapPost("/{id:int}/submit", async (int id, CommentRequest? req, CurrentUser me, ReviewCommands cmd, CancellationToken ct) =>
            State(await cmd.SubmitAsync(await me.ScopeAsync(ct), id, req?.Comment, ct)))
            .WithSummary("提交审核（填写人签字）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        lists.MapPost("/{id:int}/review", async (int id, ReviewRequest req, CurrentUser me, ReviewCommands cmd, CancellationToken ct) =>
            State(await cmd.ReviewAsync(await me.ScopeAsync(ct), id, req, ct)))
            .WithSummary("审核当前环节：decision 为 approve（通过并签字）或 return（退回，须写意见）；stage 可带上所审环节，已被他人处理时返回 409")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        lists.MapPost("/{id:int}/forms/{form}/countersign",
            async (int id, string form, CommentRequest? req, CurrentUser me, ReviewCommands cmd, CancellationToken ct) =>
            {
                var r = await cmd.CountersignAsync(await me.ScopeAsync(ct), id, form, req?.Comment, ct);
                return new { r.Id, line = r.StageName, signer = r.Actor, r.At, r.VerificationCode };
            })
            .WithSummary("在表上签字：审定后由表上签字栏所指的人签（003 附件8 的“分管领导签字”由本人所在处室的分管领导签），返回校验码；"
                + "没有这类栏目的表 400，清单未审定或已签 409，不是该签字人 403")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        lists.MapPost("/review-batch", async (BatchReviewRequest req, CurrentUser me, ReviewCommands cmd, CancellationToken ct) =>
                await cmd.ReviewManyAsync(await me.ScopeAsync(ct), req, ct))
            .WithSummary("批量审核：listIds 中各清单按各自当前环节逐份通过（或退回，须写意见），每份单独签字；返回每份的结果 [{listId, done, stage, error}]，未能处理的保持原状")
            .ProducesProblem(400);
        lists.MapPost("/invitations-batch", async (BatchInviteRequest req, CurrentUser me, ReviewCommands cmd, CancellationToken ct) =>
                await cmd.InviteManyAsync(await me.ScopeAsync(ct), req.ListIds, req.UserName, ct))
            .WithSummary("批量邀请帮查：把同一帮查人员（userName）邀请到 listIds 中各份处于帮查环节的清单；返回每份的结果，未能邀请的说明原因")
            .ProducesProblem(400);
        lists.MapPost("/{id:int}/reopen", async (int id, CommentRequest? req, CurrentUser me, ReviewCommands cmd, CancellationToken ct) =>
            State(await cmd.ReopenAsync(await me.ScopeAsync(ct), id, req?.Comment, ct)))
            .WithSummary("重新打开已审定的清单，开始新的修订").ProducesProblem(403).ProducesProblem(409);
        lists.MapPost("/{id:int}/invitations", async (int id, InviteRequest req, CurrentUser me, ReviewCommands cmd, CancellationToken ct) =>
        {
            var i = await cmd.InviteAsync(await me.ScopeAsync(ct), id, req.UserName, ct);
            return TypedResults.Created($"/api/v1/lists/{id}/history", new { id = i.Id, stage = i.StageCode, userId = i.UserId });
        }).WithSummary("邀请帮查人员（代表帮查、专家助查）对当前环节提出意见：由本环节审核人邀请，环节须允许帮查")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        lists.MapPost("/{id:int}/comments", async (int id, CommentRequest req, CurrentUser me, ReviewCommands cmd, CancellationToken ct) =>
        {
            var r = await cmd.CommentAsync(await me.ScopeAsync(ct), id, req.Comment, ct);
            return TypedResults.Created($"/api/v1/lists/{id}/history", new { id = r.Id });
        }).WithSummary("受邀帮查人员提出意见（不作决定、不签字）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        lists.MapPost("/{id:int}/publish", async (int id, PublishRequest req, CurrentUser me, ReviewCommands cmd, AppDbContext db, CancellationToken ct) =>
        {
            var p = await cmd.PublishAsync(await me.ScopeAsync(ct), id, req, ct);
            var status = await db.RiskLists.Where(l => l.Id == id).Select(l => l.Status).SingleAsync(ct);
            return new { id = p.ListId, status, from = p.From, until = p.Until, contentHash = p.ContentHash, verificationCode = p.VerificationCode };
        }).WithSummary("公示清单：from（默认今天）至 until，不短于方案规定的公示期；公示以国密 SM2 签章，verificationCode 印在公开页面上供校验。" +
                "已审定的清单公示后本单位公开页面可见；处于“单位内公示”环节的清单在单位内公示，期满后该环节才能办结")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        lists.MapPost("/{id:int}/gather", async (int id, CurrentUser me, RegisterCommands cmd, CancellationToken ct) =>
            new { gathered = await cmd.GatherAsync(await me.ScopeAsync(ct), id, ct) })
            .WithSummary("汇总岗位自查（001）：处室（单位）清单汇入本处室已提交的岗位自查风险点，岗位本人成为该条责任人员").ProducesProblem(403).ProducesProblem(409);
        lists.MapPost("/{id:int}/row-signatures", async (int id, CurrentUser me, ReviewCommands cmd, CancellationToken ct) =>
            new { signed = await cmd.SignRowsAsync(await me.ScopeAsync(ct), id, ct) })
            .WithSummary("逐条逐栏签字（001 注2）：责任人员本人对写明其姓名的各条签字；全部签齐后处室清单才能提交").ProducesProblem(403).ProducesProblem(409);
        lists.MapGet("/{id:int}/row-signatures",
            async (int id, CurrentUser me, AppDbContext db, RegisterCommands register, ReviewCommands cmd, CancellationToken ct) =>
        {
            var list = await register.LoadListAsync(await me.ScopeAsync(ct), id, ct);
            var points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == id).OrderBy(p => p.Seq).ToListAsync(ct);
            var signatures = await db.RowSignatures.AsNoTracking().Where(r => r.ListId == id && r.Revision == list.Revision).OrderBy(r => r.Id).ToListAsync(ct);
            return new
            {
                signatures = signatures.Select(r => new { pointId = r.RiskPointId, personId = r.PersonId, signer = r.Signer, at = r.At,
                    verificationCode = r.VerificationCode, current = points.Any(p => r.Covers(p)) }),
                missing = await cmd.MissingRowSignaturesAsync(list, points, ct),
            };
        }).WithSummary("逐条逐栏签字情况：已签的（current 表示该条签字后未改动）和尚缺的");
        lists.MapPut("/{id:int}/commitment", async (int id, CommitmentRequest req, CurrentUser me, RegisterCommands cmd, CancellationToken ct) =>
        {
            var l = await cmd.SetCommitmentAsync(await me.ScopeAsync(ct), id, req.Text, ct, req.Version);
            return new { id = l.Id, commitment = l.Commitment, version = l.Version };
        }).WithSummary("本人公开承诺（印在桌卡上，随清单一并签字）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        lists.MapGet("/{id:int}/history", async (int id, CurrentUser me, AppDbContext db, RegisterCommands register, CancellationToken ct) =>
        {
            var list = await register.LoadListAsync(await me.ScopeAsync(ct), id, ct);
            var points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == id).ToListAsync(ct);
            var history = await db.Reviews.AsNoTracking().Include(r => r.Changes).Where(r => r.ListId == id).OrderBy(r => r.Id).ToListAsync(ct);
            var verdicts = Verify.Signatures.Check(history, ListContent.Hash(list, points));
            return history.Select(r => new HistoryDto(r.Revision, r.StageCode, r.StageName, r.Actor, r.RoleLabel, r.Decision, r.Comment, r.At, r.ContentHash,
                r.VerificationCode, verdicts.TryGetValue(r.Id, out var v) ? Verify.Signatures.Code(v.Status) : null,
                r.Changes.Select(c => new SignedChangeDto(c.RiskPointId, c.PointSeq, c.Field, c.Before, c.After, c.Reason)).ToList())).ToList();
        }).WithSummary("审核历史：每个环节的决定、意见、时间、当时内容的 SHA-256；签字带 status（valid/amended/altered）和本环节签字作出的修改（审定等级等）");
    }
}

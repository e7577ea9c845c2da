using Lianfang.Web.Features.Register;

namespace Lianfang.Web.Features.Campaigns;

public static class ProgressApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/campaigns/{id:int}/progress", async (int id, CurrentUser me, RegisterCommands cmd, CampaignProgress progress, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var b = await progress.LoadAsync(scope, await cmd.LoadCampaignAsync(scope, id, ct), ct);
            return new
            {
                campaignId = id, deadline = b.Campaign.Deadline, daysLeft = b.DaysLeft, total = b.Total, done = b.Done, percent = b.Percent,
                units = b.Units.Select(u => new
                {
                    orgUnitId = u.OrgUnitId, unit = u.Unit, u.Total, u.Draft, u.InReview, u.Returned, u.Approved, u.Published, u.Late, u.Percent,
                }),
                stages = b.Stages.Select(s => new { stage = s.Code, name = s.Name, actor = s.Actor, count = s.Count }),
                lateTotal = b.LateTotal,
                late = b.Late.Select(l => new { listId = l.List.Id, title = l.List.Title, status = l.List.Status, stage = l.StageName, whoActs = l.WhoActs }),
                stuck = b.Stuck.Select(x => new { listId = x.List.Id, title = x.List.Title, stage = x.StageName, why = x.Why }),
            };
        }).WithTags("审核与签字").WithSummary("排查进度：各单位清单在哪个环节、谁已逾期、哪些清单停在无人可办的环节（stuck，及缺少什么）（党办看板）").ProducesProblem(404);
}

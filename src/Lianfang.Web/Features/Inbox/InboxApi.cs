namespace Lianfang.Web.Features.Inbox;

public static class InboxApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/inbox", async (CurrentUser me, InboxQueries inbox, CancellationToken ct) =>
            (await inbox.LoadAsync(await me.ScopeAsync(ct), ct)).Select(i => new
            {
                kind = i.Kind, title = i.Title, link = i.Link, deadline = i.Deadline, from = i.From,
                task = i.Task, context = i.Context, listId = i.ListId,
            }))
            .WithTags("审核与签字")
            .WithSummary("我的待办：[{kind, title, link, deadline, from, task, context, listId}]，" +
                "kind 为 list（填写、修改本人清单）、review（审核、帮查、逐条签字）、rectification（整改、验收）、inquiry（书面问询答复）、" +
                "complaint（信访件分办）、inspection（计划检查）、warning（指派给本人的预警）");
}

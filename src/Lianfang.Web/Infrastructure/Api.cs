using Lianfang.Web.Features.Account;
using Lianfang.Web.Features.Audit;
using Lianfang.Web.Features.Org;
using Lianfang.Web.Features.People;

namespace Lianfang.Web.Infrastructure;

public static class Api
{
    /// <summary>All of /api/v1. Every endpoint needs a bearer token unless it says AllowAnonymous.</summary>
    public static void MapLianfangApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        AccountApi.Map(api);
        OrgApi.Map(api);
        PeopleApi.Map(api);
        AuditApi.Map(api);
        Features.Schemes.SchemesApi.Map(api);
        Features.Register.RegisterApi.Map(api);
        Features.Review.ReviewApi.Map(api);
        Features.Inbox.InboxApi.Map(api);
        Features.Filings.FilingsApi.Map(api);
        Features.Review.ReviewBodies.Map(api);
        Features.Campaigns.ProgressApi.Map(api);
        Features.Complaints.ComplaintsApi.Map(api);
        Features.Supervision.SupervisionApi.Map(api);
        Features.Warnings.WarningsApi.Map(api);
        Features.Powers.PowersApi.Map(api);
        Features.InternalRules.InternalRulesApi.Map(api);
        Features.IntegrityFiles.IntegrityFilesApi.Map(api);
        Features.Reports.ReportsApi.Map(api);
        Features.Assessments.AssessmentsApi.Map(api);
        Features.Letters.LettersApi.Map(api);
        Features.Forms.FormsApi.Map(api);
        Features.Verify.Signatures.Map(app); // public: anyone holding a printed form checks its code
    }
}

using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Lianfang.Web.Features.Account;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lianfang.Web.Infrastructure;

public static class Startup
{
    public const string LoginRateLimit = "login";
    public const string PublicRateLimit = "public";
    public const string FeedbackRateLimit = "feedback";

    public static void AddLianfang(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddLianfangDatabase(config, builder.Environment.ContentRootPath);
        Clock.Configure(config["Lianfang:TimeZone"]);
        services.AddHttpContextAccessor();
        // Chinese stays Chinese in the HTML instead of &#x...; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<CurrentUser>();
        services.AddScoped<IAuditActor>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<Features.Schemes.SchemeStore>();
        services.AddScoped<Features.Register.RegisterCommands>();
        services.AddScoped<Features.Review.ReviewCommands>();
        services.AddScoped<DataSet.DataSetGenerator>();
        services.AddScoped<Features.Inbox.InboxQueries>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReadCache>();
        services.AddScoped<Features.Verify.Signatures>();
        services.AddScoped<Features.Verify.Sm2>();
        services.AddSingleton<Features.Account.MfaPolicy>();
        services.AddSingleton(Features.Account.DirectoryOptions.Load(config)); // a directory setting the app cannot use stops it here
        services.AddSingleton<Features.Account.LdapDirectory>();
        services.AddScoped<Features.Account.DirectoryAccounts>();
        services.AddScoped<Features.Account.Credentials>();
        services.AddScoped<Reviewers>();
        services.AddScoped<Features.Review.ReviewBodies>();
        services.AddScoped<Features.Campaigns.CampaignProgress>();
        services.AddScoped<Features.Public.PublicLists>();
        services.AddScoped<Features.Supervision.SupervisionCommands>();
        services.AddScoped<Features.Complaints.ComplaintCommands>();
        services.AddScoped<Features.Supervision.WarningSweep>();
        services.AddScoped<Features.Supervision.Scorecard>();
        services.AddScoped<Features.Supervision.PointSupervisors>();
        services.AddScoped<Features.Powers.PowerCommands>();
        services.AddScoped<Features.Powers.PowerForms>();
        services.AddScoped<Features.InternalRules.InternalRuleCommands>();
        services.AddSingleton<Features.IntegrityFiles.IntegrityProtector>();
        services.AddScoped<Features.IntegrityFiles.IntegrityFileService>();
        services.AddScoped<Features.IntegrityFiles.IntegrityFileExport>();
        services.AddScoped<Features.Assessments.AssessmentCommands>();
        services.AddScoped<Features.Letters.LetterCommands>();
        services.AddScoped<Features.Audit.AuditView>();
        services.AddHostedService<Features.Supervision.WarningSweepService>();
        services.AddHttpClient("notices", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<Features.Notices.NoticeDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Notices.NoticeDelivery>());
        services.AddScoped<Features.Notices.NoticeOutbox>();
        services.AddScoped<Features.Forms.ImportRiskList>();
        services.AddScoped<Features.Forms.ExportForms>();
        services.AddScoped<Features.Forms.Templates.FormTemplates>();
        services.AddSingleton<Office.PdfConverter>();
        services.AddSingleton<Office.OfficeRenderer>();

        // Keys live in the database so several app nodes share cookies and tokens.
        services.AddDataProtection().SetApplicationName("Lianfang").PersistKeysToDbContext<AppDbContext>().ProtectKeysAtRest(config);
        services.AddLianfangIdentity(config);
        // the antiforgery cookie as the session's: Secure over HTTPS (behind the proxy too), HttpOnly, SameSite=Strict
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AllowAnonymousToPage("/Account/Login").AllowAnonymousToPage("/Account/LoginWith2fa").AllowAnonymousToPage("/Account/Logout");
            o.Conventions.AllowAnonymousToPage("/Error");
        }).AddMvcOptions(o => o.Filters.Add<DomainExceptionPageFilter>());

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails.Title is null or "Unauthorized" or "Forbidden" or "Not Found" or "Too Many Requests" or "Method Not Allowed")
                c.ProblemDetails.Title = c.ProblemDetails.Status switch
                {
                    401 => "未登录或登录已过期",
                    403 => "无权访问",
                    404 => "未找到",
                    405 => "不支持该请求方法",
                    429 => "请求过于频繁，请稍后再试",
                    _ => c.ProblemDetails.Title,
                };
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new() { Title = "Lianfang 廉防 API", Version = "v1", Description = "廉政风险防控管理系统公开接口" };
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Lianfang:LoginPerMinute", 30), Window = TimeSpan.FromMinutes(1) }));
            // Pages anyone may open without logging in (public lists, signature check).
            o.AddPolicy(PublicRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Lianfang:PublicPerMinute", 120), Window = TimeSpan.FromMinutes(1) }));
            // The public feedback form: reading it is cheap, sending is limited per address and hour.
            o.AddPolicy(FeedbackRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Lianfang:FeedbackPerHour", 5), Window = TimeSpan.FromHours(1) })
                : RateLimitPartition.GetFixedWindowLimiter("feedback-get:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = config.GetValue("Lianfang:PublicPerMinute", 120), Window = TimeSpan.FromMinutes(1),
                    }));
        });

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var proxies = config.GetSection("Lianfang:KnownProxies").Get<string[]>() ?? [];
            if (proxies.Length == 0) return; // the defaults: a proxy on loopback
            // Named proxies are the only ones trusted: another local process cannot claim a client's address.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
    }

    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // A shared lock on the SQLite file for the app's lifetime: `restore` refuses while it is held.
        var file = db.IsPostgres || db.Database.GetConnectionString()!.Contains(":memory:") ? null : Backup.SqlitePath(db);
        var held = file is not null && File.Exists(file) ? HoldDatabaseFile(file) : null;
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await Backup.BeforeMigrateAsync(db, app.Configuration, app.Environment.ContentRootPath, always: false);
            await Database.MigrateAsync(db, backfill: false);
        }
        if (file is not null) held ??= HoldDatabaseFile(file);
        if (held is not null) app.Lifetime.ApplicationStopped.Register(held.Dispose);
        await app.Services.GetRequiredService<Features.Account.PasswordPolicies>().RefreshAsync(db, default); // the policy saved, before any password is set
        await Bootstrap.EnsureAdministratorsAsync(scope.ServiceProvider, app.Configuration, app.Logger);
        await scope.ServiceProvider.GetRequiredService<Features.Verify.Sm2>().CurrentAsync(default); // the SM2 signing key, before the first signature
        if (!KeyRings.Configured(app.Configuration) && !app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
            app.Logger.LogWarning("密钥环未加密保存：请用 {Setting} 指定保护证书（PFX），否则数据库和密钥目录中的密钥为明文", KeyRings.CertificatePathSetting);
        if (app.Configuration.GetValue("Lianfang:Demo", false))
            await DemoData.SeedAsync(scope.ServiceProvider);
        var directory = app.Services.GetRequiredService<Features.Account.DirectoryOptions>();
        if (directory.Enabled) // every mapped unit must be in the tree (the demo's too); the directory itself may be down now and come up later
        {
            var mappings = await Features.Account.DirectoryMappings.ResolveAsync(db, directory, default);
            var reach = await app.Services.GetRequiredService<Features.Account.LdapDirectory>().ProbeAsync(default);
            if (reach is null) app.Logger.LogInformation("Directory sign-in on: {Url}, {Count} group mappings", directory.Url, mappings.Count);
            else app.Logger.LogWarning("Directory sign-in on, but {Url} cannot be reached now: {Reason}", directory.Url, reach);
            var host = directory.Address.Host;
            var loopback = host == "localhost" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
            if (!directory.Secure && !loopback) // a simple bind carries the password as it was typed
                app.Logger.LogWarning("目录地址 {Url} 为 ldap://：密码以明文经网络传到目录，请改用 ldaps://", directory.Url);
        }
    }

    private static IDisposable HoldDatabaseFile(string file) => DatabaseFileLock.TryShared(file)
        ?? throw new InvalidOperationException($"数据库 {file} 正在恢复（restore），请在恢复完成后再启动");

    public static void UseLianfang(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler("/Error");
        // API errors without a body get a problem document; pages get the friendly error page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAccountGate();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapRazorPages();
        app.MapLianfangApi();
    }
}

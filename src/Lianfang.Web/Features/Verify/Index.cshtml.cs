using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lianfang.Web.Features.Verify;

/// <summary>Anyone holding a printed form checks its verification code here, without logging in.</summary>
[AllowAnonymous]
[EnableRateLimiting(Startup.PublicRateLimit)]
public sealed class IndexModel(Signatures signatures) : PageModel
{
    public string? Code { get; private set; }
    public VerifyResult? Result { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        Code = string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
        if (Code is null) return;
        Result = await signatures.VerifyAsync(Code, ct);
    }
}

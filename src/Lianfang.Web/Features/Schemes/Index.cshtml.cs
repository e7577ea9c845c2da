using Lianfang.Core.Schemes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Schemes;

public sealed class IndexModel(SchemeStore store, CurrentUser me) : PageModel
{
    public List<Scheme> Schemes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Schemes = await store.VisibleAsync(await me.ScopeAsync(ct), ct);
}

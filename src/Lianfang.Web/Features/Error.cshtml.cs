using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "出错了";
    public string Message { get; private set; } = "处理请求时发生错误，请稍后重试或联系系统管理员。";

    public void OnGet(int? code) => Describe(code ?? 500);
    public void OnPost(int? code) => Describe(code ?? 500);

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            404 => ("页面不存在", "您访问的内容不存在，或不在您的权限范围内。"),
            403 => ("无权访问", "您的角色没有执行此操作的权限。"),
            400 => ("请求有误", "请求格式不正确，请返回后重试。"),
            429 => ("操作过于频繁", "请稍后再试。"),
            _ => (Title, Message),
        };
    }
}

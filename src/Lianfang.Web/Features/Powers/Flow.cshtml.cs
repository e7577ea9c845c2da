using Lianfang.Core.Powers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Powers;

/// <summary>The flowchart and, for whoever keeps the catalog, a form to add, order and connect its steps.</summary>
public sealed class FlowModel(CurrentUser me, PowerCommands commands, PowerForms forms) : PageModel
{
    public sealed class StepRow
    {
        public int Order { get; set; }
        public string? Key { get; set; }
        public string? Name { get; set; }
        public string? Actor { get; set; }
        public string? Conditions { get; set; }
        public string? Procedure { get; set; }
        public string? TimeLimit { get; set; }
        public string? Supervision { get; set; }
    }

    public sealed class EdgeRow
    {
        public string? From { get; set; }
        public string? To { get; set; }
        public string? Label { get; set; }
        public bool Back { get; set; }
    }

    /// <summary>Empty rows offered below the steps already drawn: a new chart gets room for a whole flow.</summary>
    private int BlankRows => Steps.Count == 0 ? 8 : 4;

    [BindProperty] public List<StepRow> Steps { get; set; } = [];
    [BindProperty] public List<EdgeRow> Edges { get; set; } = [];
    /// <summary>The power's version when the form was drawn: a change saved by someone else since is not overwritten.</summary>
    [BindProperty] public int? Version { get; set; }
    public PowerItem Power { get; private set; } = null!;
    public string Svg { get; private set; } = "";
    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Steps = [.. Power.Flow.Steps.Select(s => new StepRow
        {
            Key = s.Key, Name = s.Name, Actor = s.Actor, Conditions = s.Conditions, Procedure = s.Procedure, TimeLimit = s.TimeLimit,
            Supervision = s.Supervision,
        })];
        Edges = [.. Power.Flow.Edges.Select(e => new EdgeRow { From = e.From, To = e.To, Label = e.Label, Back = e.Back })];
        Version = Power.Version;
        AddBlankRows();
    }

    public async Task<IActionResult> OnGetExportAsync(int id, string? format, CancellationToken ct)
    {
        var file = await forms.ExportFlowAsync(await me.ScopeAsync(ct), id, format, ct);
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var steps = Steps.Where(s => !string.IsNullOrWhiteSpace(s.Key) || !string.IsNullOrWhiteSpace(s.Name)).OrderBy(s => s.Order)
            .Select(s => new FlowStep(s.Key?.Trim() ?? "", s.Name?.Trim() ?? "", Blank(s.Actor), Blank(s.Conditions), Blank(s.Procedure),
                Blank(s.TimeLimit), Blank(s.Supervision)))
            .ToList();
        var edges = Edges.Where(e => !string.IsNullOrWhiteSpace(e.From) || !string.IsNullOrWhiteSpace(e.To))
            .Select(e => new FlowEdge(e.From?.Trim() ?? "", e.To?.Trim() ?? "", Blank(e.Label), e.Back)).ToList();
        // most flows run step after step: with no lines given, the steps are joined in their order
        if (edges.Count == 0 && steps.Count > 1)
            edges = steps.Zip(steps.Skip(1), (a, b) => new FlowEdge(a.Key, b.Key, null, false)).ToList();
        try
        {
            await commands.SetFlowAsync(await me.ScopeAsync(ct), id, new FlowRequest(steps, edges, Version), ct);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var e in ex.Errors) ModelState.AddModelError("", e.Message);
            Steps = [.. Steps.Where(s => !string.IsNullOrWhiteSpace(s.Key) || !string.IsNullOrWhiteSpace(s.Name)).OrderBy(s => s.Order)];
            Edges = [.. Edges.Where(e => !string.IsNullOrWhiteSpace(e.From) || !string.IsNullOrWhiteSpace(e.To))];
            AddBlankRows();
            return Page();
        }
        TempData["Message"] = "流程图已保存";
        return Redirect($"/Powers/Flow?id={id}");
    }

    private void AddBlankRows()
    {
        var blank = BlankRows;
        for (var i = 0; i < blank; i++) Steps.Add(new StepRow { Order = Steps.Count + 1 });
        for (var i = 0; i < blank; i++) Edges.Add(new EdgeRow());
        for (var i = 0; i < Steps.Count; i++) Steps[i].Order = i + 1;
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Power = await commands.LoadAsync(scope, id, ct);
        CanEdit = PowerCommands.MayEdit(scope, Power.OrgUnit.Path);
        Svg = await commands.SvgAsync(Power, ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

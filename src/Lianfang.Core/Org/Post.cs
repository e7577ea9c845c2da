namespace Lianfang.Core.Org;

/// <summary>岗位: a post in a unit or department, in one of the 三个层面.</summary>
public sealed class Post : IVersioned
{
    private Post() { Name = ""; }

    public Post(OrgUnit unit, string name, PostTier tier, string? duties, string? integrityDuties)
    {
        OrgUnitId = unit.Id;
        OrgUnit = unit;
        Update(name, tier, duties, integrityDuties);
        Name ??= "";
    }

    public int Id { get; private set; }
    public int OrgUnitId { get; private set; }
    public OrgUnit OrgUnit { get; private set; } = null!;
    public string Name { get; private set; }
    public PostTier Tier { get; private set; }
    /// <summary>岗位职责</summary>
    public string? Duties { get; private set; }
    /// <summary>廉政职责</summary>
    public string? IntegrityDuties { get; private set; }
    public int Version { get; set; }

    public void Update(string name, PostTier tier, string? duties, string? integrityDuties)
    {
        if (!Enum.IsDefined(tier)) throw new DomainException("tier", "岗位层面取值无效");
        Name = Text.Required(name, "name", "岗位名称");
        Tier = tier;
        Duties = Text.Optional(duties, "duties", "岗位职责", 4000);
        IntegrityDuties = Text.Optional(integrityDuties, "integrityDuties", "廉政职责", 4000);
    }
}

/// <summary>人员: a cadre, with the posts held over time.</summary>
public sealed class Person : IVersioned
{
    private readonly List<PostAssignment> _assignments = [];

    private Person() { Name = ""; }

    public Person(OrgUnit unit, string name, string? title, DateOnly? appointedOn)
    {
        OrgUnitId = unit.Id;
        OrgUnit = unit;
        Update(name, title, appointedOn);
        Name ??= "";
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    /// <summary>职务</summary>
    public string? Title { get; private set; }
    /// <summary>任职时间 of the current appointment.</summary>
    public DateOnly? AppointedOn { get; private set; }
    public int OrgUnitId { get; private set; }
    public OrgUnit OrgUnit { get; private set; } = null!;
    /// <summary>工号: the person's number in the installation (unique), which a directory account names to find its person.</summary>
    public string? EmployeeNumber { get; private set; }
    public int Version { get; set; }
    public IReadOnlyCollection<PostAssignment> Assignments => _assignments;

    public PostAssignment? CurrentAssignment => _assignments.FirstOrDefault(a => a.To is null);

    public void Update(string name, string? title, DateOnly? appointedOn)
    {
        Name = Text.Required(name, "name", "姓名", 50);
        Title = Text.Optional(title, "title", "职务", 100);
        AppointedOn = appointedOn;
    }

    public void SetEmployeeNumber(string? number) => EmployeeNumber = Text.Optional(number, "employeeNumber", "工号", 64);

    /// <summary>Takes up a post from a date; the current post, if any, ends that day. The person moves with the post.</summary>
    public void AssignPost(Post post, DateOnly from, DateTime now)
    {
        var current = CurrentAssignment;
        if (current?.PostId == post.Id && post.Id != 0) return;
        if (current is not null)
        {
            if (from < current.From) throw new DomainException("appointedOn", "任职时间不能早于上一岗位的任职时间");
            current.End(from);
        }
        _assignments.Add(new PostAssignment(this, post, from, now));
        OrgUnitId = post.OrgUnitId;
        OrgUnit = post.OrgUnit;
        AppointedOn = from;
    }

    /// <summary>Leaves the current post without taking another one.</summary>
    public void LeavePost(DateOnly on) => CurrentAssignment?.End(on);
}

/// <summary>One period in which a person held a post.</summary>
public sealed class PostAssignment
{
    private PostAssignment() { }

    internal PostAssignment(Person person, Post post, DateOnly from, DateTime now)
    {
        Person = person;
        PersonId = person.Id;
        Post = post;
        PostId = post.Id;
        From = from;
        RecordedAt = now;
    }

    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public Person Person { get; private set; } = null!;
    public int PostId { get; private set; }
    public Post Post { get; private set; } = null!;
    public DateOnly From { get; private set; }
    public DateOnly? To { get; private set; }
    /// <summary>When the change was entered: risk points approved before it are to be reviewed again.</summary>
    public DateTime? RecordedAt { get; private set; }

    internal void End(DateOnly on) => To = on < From ? From : on;
}

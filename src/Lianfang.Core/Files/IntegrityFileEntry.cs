namespace Lianfang.Core.Files;

/// <summary>What 003 puts in a 廉政档案 beyond what the system already knows (posts, risk points, dispositions).</summary>
public enum IntegrityEntryType { PersonalMatter, Income, FamilyEmployment, OrganizationalHandling, DisciplinaryAction, Other }

/// <summary>
/// One entry of a person's integrity file. Its content is sensitive: it is stored only as ciphertext, sealed and opened
/// by the web layer (keys kept outside the database), never in plain text.
/// </summary>
public sealed class IntegrityFileEntry
{
    public const int MaxContentLength = 4000;

    private IntegrityFileEntry() { Sealed = RecordedBy = ""; }

    public IntegrityFileEntry(int personId, IntegrityEntryType type, string sealedContent, string recordedBy, DateTime now)
    {
        PersonId = personId;
        Type = type;
        Sealed = sealedContent;
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    public long Id { get; private set; }
    public int PersonId { get; private set; }
    public IntegrityEntryType Type { get; private set; }
    /// <summary>The content, encrypted.</summary>
    public string Sealed { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }

    /// <summary>Checks plain content before it is sealed.</summary>
    public static string CheckContent(string? content) => Text.Required(content, "content", "档案内容", MaxContentLength);

    /// <summary>The person declares their own matters; the discipline side records handling and actions.</summary>
    public static bool DeclaredByPerson(IntegrityEntryType t) =>
        t is IntegrityEntryType.PersonalMatter or IntegrityEntryType.Income or IntegrityEntryType.FamilyEmployment;

    public static string Label(IntegrityEntryType t) => t switch
    {
        IntegrityEntryType.PersonalMatter => "个人有关事项及变化", IntegrityEntryType.Income => "本人及配偶收入",
        IntegrityEntryType.FamilyEmployment => "配偶、子女从业情况", IntegrityEntryType.OrganizationalHandling => "组织处理",
        IntegrityEntryType.DisciplinaryAction => "党纪政纪处分", _ => "其他",
    };
}

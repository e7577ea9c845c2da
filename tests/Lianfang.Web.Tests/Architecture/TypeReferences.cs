using System.Reflection;
using System.Reflection.Emit;
using Microsoft.AspNetCore.Razor.Hosting;

namespace Lianfang.Web.Tests.Architecture;

/// <summary>
/// Which types of an assembly reference which others of the same assembly, read from the compiled code: base types,
/// interfaces, attributes, fields, properties, method signatures, locals, catch clauses and every type, method or field
/// token in the method bodies. Nested and compiler-generated types (lambdas, async state machines) count for the type
/// they sit in; a Razor view counts for the folder of its .cshtml. Constants and nameof are inlined by the compiler
/// and are not seen.
/// </summary>
public sealed class TypeReferences
{
    private static readonly BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private static readonly OpCode[] OneByte = new OpCode[0x100], TwoByte = new OpCode[0x100];

    static TypeReferences()
    {
        foreach (var f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)f.GetValue(null)!;
            var v = (ushort)op.Value;
            if (v < 0x100) OneByte[v] = op;
            else if ((v & 0xff00) == 0xfe00) TwoByte[v & 0xff] = op;
        }
    }

    private readonly Assembly _assembly;
    private readonly Dictionary<Type, string> _viewFolders;

    /// <summary>(from, to) pairs of outermost types, from ≠ to.</summary>
    public IReadOnlySet<(Type From, Type To)> References { get; }

    private TypeReferences(Assembly assembly)
    {
        _assembly = assembly;
        _viewFolders = assembly.GetCustomAttributes<RazorCompiledItemAttribute>()
            .ToDictionary(a => a.Type, a => Path.GetDirectoryName(a.Identifier)!.Replace('\\', '/').Trim('/'));
        var refs = new HashSet<(Type, Type)>();
        foreach (var type in assembly.GetTypes())
        {
            var from = Outermost(type);
            foreach (var to in Referenced(type).Select(Outermost).Distinct())
                if (to != from) refs.Add((from, to));
        }
        References = refs;
    }

    public static TypeReferences Of(Assembly assembly) => new(assembly);

    /// <summary>
    /// The folder a type's code sits in, by its namespace (Lianfang.Web.Features.Forms → "Features/Forms",
    /// Lianfang.Web.Infrastructure.DataSet → "Infrastructure"), or by its .cshtml for a view; null for the compiler's own types.
    /// </summary>
    public string? Area(Type type)
    {
        type = Outermost(type);
        if (_viewFolders.TryGetValue(type, out var folder))
            return folder.StartsWith("Features/", StringComparison.Ordinal) ? string.Join('/', folder.Split('/').Take(2)) : folder;
        if (type.Name == "Program" && type.Namespace is null) return "Program";
        var ns = type.Namespace ?? "";
        var root = _assembly.GetName().Name!;
        if (ns == root) return root;
        if (!ns.StartsWith(root + ".", StringComparison.Ordinal)) return null;
        var parts = ns[(root.Length + 1)..].Split('.');
        return parts[0] == "Features" && parts.Length > 1 ? $"Features/{parts[1]}" : parts[0];
    }

    /// <summary>Area → area edges (from ≠ to), each with the type references that make it; views left out on request.</summary>
    public IReadOnlyDictionary<(string From, string To), IReadOnlyList<(Type From, Type To)>> AreaEdges(bool views = true) =>
        References
            .Where(r => views || !(IsView(r.From) || IsView(r.To)))
            .Select(r => (r, from: Area(r.From), to: Area(r.To)))
            .Where(x => x.from is not null && x.to is not null && x.from != x.to)
            .GroupBy(x => (x.from!, x.to!))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(Type, Type)>)g.Select(x => x.r).OrderBy(r => r.From.FullName).ThenBy(r => r.To.FullName).ToList());

    /// <summary>A class the Razor compiler made from a .cshtml.</summary>
    public bool IsView(Type type) => _viewFolders.ContainsKey(Outermost(type));

    private static Type Outermost(Type t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    private IEnumerable<Type> Referenced(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            while (t is not null && (t.HasElementType)) t = t.GetElementType();
            if (t is null || t.IsGenericParameter) return;
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments()) Add(a);
                t = t.GetGenericTypeDefinition();
            }
            if (t.Assembly == _assembly) found.Add(t);
        }
        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var a in attributes)
            {
                Add(a.AttributeType);
                foreach (var arg in a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue)))
                    if (arg.Value is Type t) Add(t);
            }
        }
        void AddMember(MemberInfo? m)
        {
            switch (m)
            {
                case Type t: Add(t); break;
                case FieldInfo f: Add(f.DeclaringType); Add(f.FieldType); break;
                case MethodBase mb:
                    Add(mb.DeclaringType);
                    foreach (var p in mb.GetParameters()) Add(p.ParameterType);
                    if (mb is MethodInfo mi)
                    {
                        Add(mi.ReturnType);
                        if (mi.IsGenericMethod) foreach (var a in mi.GetGenericArguments()) Add(a);
                    }
                    break;
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        AddAttributes(type.GetCustomAttributesData());
        foreach (var f in type.GetFields(Declared)) { Add(f.FieldType); AddAttributes(f.GetCustomAttributesData()); }
        foreach (var p in type.GetProperties(Declared)) { Add(p.PropertyType); AddAttributes(p.GetCustomAttributesData()); }
        foreach (var e in type.GetEvents(Declared)) Add(e.EventHandlerType);
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            AddMember(m);
            AddAttributes(m.GetCustomAttributesData());
            foreach (var p in m.GetParameters()) AddAttributes(p.GetCustomAttributesData());
            var body = m.GetMethodBody();
            if (body is null) continue;
            foreach (var l in body.LocalVariables) Add(l.LocalType);
            foreach (var c in body.ExceptionHandlingClauses)
                if (c.Flags == ExceptionHandlingClauseOptions.Clause) Add(c.CatchType);
            foreach (var token in Tokens(body.GetILAsByteArray() ?? []))
                AddMember(Resolve(m, token));
        }
        return found;
    }

    private static MemberInfo? Resolve(MethodBase m, int token)
    {
        var typeArgs = m.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = m is MethodInfo { IsGenericMethod: true } g ? g.GetGenericArguments() : null;
        try { return m.Module.ResolveMember(token, typeArgs, methodArgs); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>The operand tokens of the IL's field, method, type and ldtoken instructions.</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        for (var i = 0; i < il.Length;)
        {
            var op = il[i] == 0xFE ? TwoByte[il[i + 1]] : OneByte[il[i]];
            i += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                default: i += 4; break; // InlineI, InlineBrTarget, InlineSig, InlineString, ShortInlineR
            }
        }
    }
}

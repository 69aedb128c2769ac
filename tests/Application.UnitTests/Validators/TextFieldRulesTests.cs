using System.Collections;
using System.Reflection;
using FluentValidation;

namespace Workflows.Application.UnitTests.Validators;

/// <summary>
/// Every string a request carries, in its body (nested values included), its route or its query,
/// follows one text rule, and its validator enforces it: a new field cannot skip the rule. Each
/// string property of every request type must be classified here; an unclassified one fails.
/// </summary>
public sealed class TextFieldRulesTests
{
    private enum Rule
    {
        /// <summary>No control, line-break or bidi-control characters.</summary>
        SingleLine,

        /// <summary>No C0 control characters other than tab, CR and LF.</summary>
        MultiLine,

        /// <summary>Matched exactly against something the service issued (an ETag, an id) and never stored.</summary>
        Token,
    }

    /// <summary>"Type.Property" (or "*.Property" for every type that has it) → the rule it follows.</summary>
    private static readonly Dictionary<string, Rule> Classified = new()
    {
        ["CreateWorkspaceRequest.Name"] = Rule.SingleLine,
        ["AddMemberRequest.DisplayName"] = Rule.SingleLine,
        ["AddMemberRequest.ObjectId"] = Rule.SingleLine,
        ["UpdateMemberRequest.DisplayName"] = Rule.SingleLine,
        ["CreateWorkflowRequest.Name"] = Rule.SingleLine,
        ["CreateWorkflowRequest.Description"] = Rule.MultiLine,
        ["CreateWorkflowRequest.Prompt"] = Rule.MultiLine,
        ["UpdateWorkflowRequest.Name"] = Rule.SingleLine,
        ["UpdateWorkflowRequest.Description"] = Rule.MultiLine,
        ["UpdateWorkflowRequest.Prompt"] = Rule.MultiLine,
        ["AbilityDto.Type"] = Rule.SingleLine,
        ["EventRuleDto.Event"] = Rule.SingleLine,
        ["EventRuleDto.Action"] = Rule.SingleLine,
        ["EventRuleDto.Condition"] = Rule.MultiLine,
        ["CloneWorkflowRequest.Name"] = Rule.SingleLine,
        ["SaveAsTemplateRequest.Name"] = Rule.SingleLine,
        ["SaveAsTemplateRequest.Description"] = Rule.MultiLine,
        ["CreateWorkflowFromTemplateRequest.Name"] = Rule.SingleLine,
        ["CreateWorkflowFromTemplateRequest.Description"] = Rule.MultiLine,
        ["CreateTaskRequest.Name"] = Rule.SingleLine,
        ["CreateTaskRequest.Description"] = Rule.MultiLine,
        ["CreateTaskRequest.Prompt"] = Rule.MultiLine,
        ["UpdateTaskRequest.Name"] = Rule.SingleLine,
        ["UpdateTaskRequest.Description"] = Rule.MultiLine,
        ["UpdateTaskRequest.Prompt"] = Rule.MultiLine,
        ["CreateAssignmentRequest.Title"] = Rule.SingleLine,
        ["CreateInboxRequest.Address"] = Rule.SingleLine,
        ["CreateInboxRequest.Label"] = Rule.SingleLine,
        ["CreatePhoneNumberRequest.Number"] = Rule.SingleLine,
        ["CreatePhoneNumberRequest.Label"] = Rule.SingleLine,
        ["ListWorkflowsQuery.Q"] = Rule.SingleLine,
        ["ListAuditLogQuery.Action"] = Rule.SingleLine,
        ["ListAuditLogQuery.TargetType"] = Rule.SingleLine,
        ["*.Cursor"] = Rule.SingleLine,
        ["*.IfMatch"] = Rule.Token,
        ["GetWorkflowQuery.WorkflowId"] = Rule.Token,
    };

    private static readonly string[] RefusedOnOneLine = ["a\nb", "a\rb", "a\0b", "a\u0085b", "invoice\u202Efdp.exe", "a\u2066b\u2069"];
    private static readonly string[] RefusedOnManyLines = ["a\0b", "a\u0007b", "a\u001Bb"];
    private const string AcceptedOnManyLines = "First line\r\n\tSecond line";

    private static readonly Assembly Application = typeof(DependencyInjection).Assembly;

    public static IEnumerable<TestCaseData> Fields() =>
        RequestTypes().SelectMany(t => StringFields(t, t, []))
            .Select(f => new TestCaseData(f).SetName($"{f.Message.Name}: {f.Key}"));

    [Test]
    public void EveryRequestTypeIsFound()
    {
        Assert.That(Fields().Count(), Is.GreaterThan(30), "the walk reaches the requests' bodies and nested values");
    }

    [TestCaseSource(nameof(Fields))]
    public void Field_FollowsItsTextRule(StringField field)
    {
        var rule = RuleOf(field.Key);
        Assert.That(rule, Is.Not.Null,
            $"'{field.Key}' (in {field.Message.Name}) follows no text rule. Give it one in its validator " +
            "(TextRules: RequiredSingleLine, SingleLine or MultiLine) and classify it here.");
        if (rule == Rule.Token) return;

        var validators = ValidatorsOf(field.Message);
        Assert.That(validators, Is.Not.Empty, $"{field.Message.Name} has no validator to enforce the rule on '{field.JsonPath}'.");

        foreach (var refused in rule == Rule.SingleLine ? RefusedOnOneLine : RefusedOnManyLines)
        {
            var errors = ErrorsOf(validators, field.Build(refused));
            Assert.That(errors, Does.Contain(field.JsonPath), $"'{field.JsonPath}' of {field.Message.Name} accepts {Escaped(refused)}");
        }
        if (rule == Rule.MultiLine)
        {
            var errors = ErrorsOf(validators, field.Build(AcceptedOnManyLines));
            Assert.That(errors, Does.Not.Contain(field.JsonPath), $"'{field.JsonPath}' of {field.Message.Name} refuses tabs and line breaks");
        }
    }

    private static Rule? RuleOf(string key) =>
        Classified.TryGetValue(key, out var rule) || Classified.TryGetValue("*." + key.Split('.')[^1], out rule) ? rule : null;

    private static IEnumerable<Type> RequestTypes() =>
        Application.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Mediator.IMessage).IsAssignableFrom(t));

    private static List<IValidator> ValidatorsOf(Type message) =>
        Application.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IValidator<>).MakeGenericType(message).IsAssignableFrom(t))
            .Select(t => (IValidator)Activator.CreateInstance(t)!)
            .ToList();

    private static List<string> ErrorsOf(List<IValidator> validators, object message)
    {
        var context = (IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(message.GetType()), message)!;
        return validators.SelectMany(v => v.Validate(context).Errors).Select(e => e.PropertyName).Distinct().ToList();
    }

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>One string property reached from a request type, and how to build that request with it set.</summary>
    public sealed record StringField(Type Message, string Key, string JsonPath, IReadOnlyList<Step> Steps)
    {
        public object Build(string value) => Set(New(Message), Steps, 0, value);

        public override string ToString() => $"{Message.Name}: {Key}";
    }

    /// <summary>A property on the way to the string, and how its value is wrapped (Optional, a list).</summary>
    public sealed record Step(PropertyInfo Property, Type Inner, Type? Optional, bool List);

    private static IEnumerable<StringField> StringFields(Type message, Type type, IReadOnlyList<Step> steps)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanWrite) continue;
            // A GET body's read-only member, sent back: accepted and ignored, so no text rule applies.
            if (property.GetCustomAttribute<System.ComponentModel.ReadOnlyAttribute>()?.IsReadOnly == true) continue;
            var t = property.PropertyType;
            Type? optional = null;
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Optional<>))
            {
                optional = t.GetGenericArguments()[0];
                t = optional;
            }
            t = Nullable.GetUnderlyingType(t) ?? t;
            var list = t != typeof(string) && t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t);
            if (list) t = t.GetGenericArguments()[0];

            var step = new Step(property, t, optional, list);
            var path = steps.Append(step).ToList();
            if (t == typeof(string))
            {
                yield return new StringField(message, $"{type.Name}.{property.Name}", JsonPath(path), path);
            }
            else if (t.IsClass && t.Assembly == Application && !typeof(Mediator.IMessage).IsAssignableFrom(t))
            {
                foreach (var nested in StringFields(message, t, path)) yield return nested;
            }
        }
    }

    private static string JsonPath(IEnumerable<Step> steps) =>
        string.Join(".", steps.Where(s => s.Property.Name != "Body")
            .Select(s => DependencyInjection.JsonName(s.Property.Name) + (s.List ? "[0]" : "")));

    private static object Set(object target, IReadOnlyList<Step> steps, int index, string value)
    {
        var step = steps[index];
        object inner;
        if (index == steps.Count - 1) inner = value;
        else inner = Set(Unwrapped(step.Property.GetValue(target), step) ?? New(step.Inner), steps, index + 1, value);

        object wrapped = inner;
        if (step.List)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(step.Inner))!;
            list.Add(inner);
            wrapped = list;
        }
        if (step.Optional is { } optional)
            wrapped = Activator.CreateInstance(typeof(Optional<>).MakeGenericType(optional), wrapped)!;
        step.Property.SetValue(target, wrapped);
        return target;
    }

    private static object? Unwrapped(object? value, Step step) =>
        step.Optional is null && !step.List ? value : null;

    /// <summary>An instance with every constructor argument at its default (bodies built, strings null).</summary>
    private static object New(Type type)
    {
        if (type.IsValueType) return Activator.CreateInstance(type)!;
        if (type.GetConstructor(Type.EmptyTypes) is { } empty) return empty.Invoke(null);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = constructor.GetParameters().Select(p =>
            p.HasDefaultValue ? p.DefaultValue
            : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType)
            : p.ParameterType.IsClass && p.ParameterType.Assembly == Application ? New(p.ParameterType)
            : null).ToArray();
        return constructor.Invoke(args);
    }
}

using System.Text.Json;

namespace Workflows.Application.Workflows;

/// <summary>Field rules shared by every request that carries workflow settings.</summary>
public static class WorkflowRules
{
    /// <summary>The name of a workflow, task, template or workspace: required single-line text (<see cref="TextRules"/>).</summary>
    public static IRuleBuilderOptions<T, string?> WorkflowName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.RequiredSingleLine("name", WorkflowLimits.NameMaxLength);

    public static IRuleBuilderOptions<T, string?> Description<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MultiLine("description", WorkflowLimits.DescriptionMaxLength);

    public static IRuleBuilderOptions<T, string?> Prompt<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MultiLine("prompt", WorkflowLimits.PromptMaxLength);

    public static IRuleBuilderOptions<T, long?> PositiveId<T>(this IRuleBuilder<T, long?> rule, string field) =>
        rule.GreaterThanOrEqualTo(1L).WithMessage($"'{field}' must be a positive integer id.");

    public static IRuleBuilderOptions<T, double?> Coordinate<T>(this IRuleBuilder<T, double?> rule, string field) =>
        rule.Must(v => v is null || double.IsFinite(v.Value)).WithMessage($"'{field}' must be a finite number.");

    public static void Abilities<T>(this IRuleBuilder<T, IReadOnlyList<AbilityDto>?> rule) =>
        rule.MaxItems(WorkflowLimits.MaxAbilities)
            .WithMessage($"A workflow can have at most {WorkflowLimits.MaxAbilities} abilities.")
            .ForEach(item => item
                .NotNull().WithMessage("An ability must be an object.")
                .SetValidator(new AbilityValidator()));

    public static void EventRules<T>(this IRuleBuilder<T, IReadOnlyList<EventRuleDto>?> rule) =>
        rule.MaxItems(WorkflowLimits.MaxEventRules)
            .WithMessage($"A workflow can have at most {WorkflowLimits.MaxEventRules} event rules.")
            .ForEach(item => item
                .NotNull().WithMessage("An event rule must be an object.")
                .SetValidator(new EventRuleValidator()));

    /// <summary>One ability of a workflow's list (a class of its own, so that its rules can be read as the list's are).</summary>
    public sealed class AbilityValidator : AbstractValidator<AbilityDto>
    {
        public AbilityValidator()
        {
            RuleFor(x => x.Type).RequiredSingleLine("type", WorkflowLimits.KeyMaxLength);
            RuleFor(x => x.Settings).Must(BeObjectOrNull).WithMessage("'settings' must be a JSON object.");
        }
    }

    /// <summary>One event rule of a workflow's list.</summary>
    public sealed class EventRuleValidator : AbstractValidator<EventRuleDto>
    {
        public EventRuleValidator()
        {
            RuleFor(x => x.Event).RequiredSingleLine("event", WorkflowLimits.KeyMaxLength);
            RuleFor(x => x.Action).RequiredSingleLine("action", WorkflowLimits.KeyMaxLength);
            RuleFor(x => x.Condition).MultiLine("condition", WorkflowLimits.DescriptionMaxLength);
            RuleFor(x => x.Settings).Must(BeObjectOrNull).WithMessage("'settings' must be a JSON object.");
        }
    }

    public static void MemberRoleAccess<T>(this IRuleBuilder<T, IReadOnlyList<RoleAccessDto>?> rule) =>
        rule.Must(list => list is null || list.Select(a => a?.Role).Distinct().Count() == list.Count)
            .WithMessage("Each role may appear only once.")
            .ForEach(item => item
                .NotNull().WithMessage("An entry must be an object.")
                .ChildRules(a =>
                {
                    a.RuleFor(x => x.Role).IsInEnum().WithMessage("'role' must be admin, member or guest.");
                    a.RuleFor(x => x.Access).Must(v => v is >= WorkflowAccess.Use and <= WorkflowAccess.Admin)
                        .WithMessage("'access' must be use, edit, delete or admin.");
                }));

    private static bool BeObjectOrNull(JsonElement? settings) =>
        settings is null || settings.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined;
}

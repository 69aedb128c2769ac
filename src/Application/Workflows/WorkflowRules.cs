using System.Text.Json;

namespace Workflows.Application.Workflows;

/// <summary>Field rules shared by every request that carries workflow settings.</summary>
public static class WorkflowRules
{
    public static IRuleBuilderOptions<T, string?> WorkflowName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'name' is required and must not be blank.")
            .Must(n => n is null || !n.Any(char.IsControl)).WithMessage("'name' must not contain control characters.")
            .MaximumLength(WorkflowLimits.NameMaxLength).WithMessage($"'name' must be at most {WorkflowLimits.NameMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> Description<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(WorkflowLimits.DescriptionMaxLength).WithMessage($"'description' must be at most {WorkflowLimits.DescriptionMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> Prompt<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(WorkflowLimits.PromptMaxLength).WithMessage($"'prompt' must be at most {WorkflowLimits.PromptMaxLength} characters.");

    public static IRuleBuilderOptions<T, long?> PositiveId<T>(this IRuleBuilder<T, long?> rule, string field) =>
        rule.Must(id => id is null or > 0).WithMessage($"'{field}' must be a positive integer id.");

    public static IRuleBuilderOptions<T, double?> Coordinate<T>(this IRuleBuilder<T, double?> rule, string field) =>
        rule.Must(v => v is null || double.IsFinite(v.Value)).WithMessage($"'{field}' must be a finite number.");

    public static void Abilities<T>(this IRuleBuilder<T, IReadOnlyList<AbilityDto>?> rule) =>
        rule.Must(list => list is null || list.Count <= WorkflowLimits.MaxAbilities)
            .WithMessage($"A workflow can have at most {WorkflowLimits.MaxAbilities} abilities.")
            .ForEach(item => item
                .NotNull().WithMessage("An ability must be an object.")
                .ChildRules(a =>
                {
                    a.RuleFor(x => x.Type).NotEmpty().WithMessage("'type' is required.")
                        .MaximumLength(WorkflowLimits.KeyMaxLength).WithMessage($"'type' must be at most {WorkflowLimits.KeyMaxLength} characters.");
                    a.RuleFor(x => x.Settings).Must(BeObjectOrNull).WithMessage("'settings' must be a JSON object.");
                }));

    public static void EventRules<T>(this IRuleBuilder<T, IReadOnlyList<EventRuleDto>?> rule) =>
        rule.Must(list => list is null || list.Count <= WorkflowLimits.MaxEventRules)
            .WithMessage($"A workflow can have at most {WorkflowLimits.MaxEventRules} event rules.")
            .ForEach(item => item
                .NotNull().WithMessage("An event rule must be an object.")
                .ChildRules(r =>
                {
                    r.RuleFor(x => x.Event).NotEmpty().WithMessage("'event' is required.")
                        .MaximumLength(WorkflowLimits.KeyMaxLength).WithMessage($"'event' must be at most {WorkflowLimits.KeyMaxLength} characters.");
                    r.RuleFor(x => x.Action).NotEmpty().WithMessage("'action' is required.")
                        .MaximumLength(WorkflowLimits.KeyMaxLength).WithMessage($"'action' must be at most {WorkflowLimits.KeyMaxLength} characters.");
                    r.RuleFor(x => x.Condition).MaximumLength(WorkflowLimits.DescriptionMaxLength)
                        .WithMessage($"'condition' must be at most {WorkflowLimits.DescriptionMaxLength} characters.");
                    r.RuleFor(x => x.Settings).Must(BeObjectOrNull).WithMessage("'settings' must be a JSON object.");
                }));

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

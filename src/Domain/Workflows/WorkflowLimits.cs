namespace Workflows.Domain.Workflows;

/// <summary>The product's size limits, shared by the domain guards and the request validators.</summary>
public static class WorkflowLimits
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2_000;
    public const int PromptMaxLength = 32_000;
    public const int MaxTasks = 1_000;
    public const int MaxAbilities = 50;
    public const int MaxEventRules = 100;
    public const int MaxTransitionsPerTask = MaxTasks;
    public const int KeyMaxLength = 100;
}

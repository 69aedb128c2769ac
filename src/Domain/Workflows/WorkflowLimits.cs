namespace Workflows.Domain.Workflows;

/// <summary>
/// The product's size limits, shared by the domain guards and the request validators. Text
/// limits count Unicode code points of the NFC form (<see cref="Common.Text.Length"/>).
/// </summary>
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

    /// <summary>
    /// The most UTF-16 code units a name's comparison key may take (the indexed column's size):
    /// room for any name of ordinary letters; only a name of many characters that NFKC spells out
    /// long (ligatures, compatibility symbols) can exceed it.
    /// </summary>
    public const int NameKeyMaxLength = 800;
}

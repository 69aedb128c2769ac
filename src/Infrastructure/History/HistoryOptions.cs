namespace Workflows.Infrastructure.History;

/// <summary>The <c>History</c> settings; a value out of its range stops the service at start, naming the setting.</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>How many versions of a workflow are kept: the newest; older ones are dropped as new ones come.</summary>
    public int MaxVersionsPerWorkflow { get; set; } = 500;

    public string? MaxVersionsPerWorkflowProblem() =>
        MaxVersionsPerWorkflow is >= 1 and <= 100_000
            ? null
            : $"{Section}:{nameof(MaxVersionsPerWorkflow)} is {MaxVersionsPerWorkflow}; it must be a whole number from 1 to 100000.";
}

using Workflows.Application.Tasks.Commands.CreateTask;
using Workflows.Application.Tasks.Commands.UpdateTask;
using static Workflows.Application.UnitTests.Validators.Validation;

namespace Workflows.Application.UnitTests.Validators;

public sealed class TaskValidatorTests
{
    private readonly CreateTaskValidator _create = new();
    private readonly UpdateTaskValidator _update = new();

    private IReadOnlyDictionary<string, string[]> CreateErrors(CreateTaskRequest body) =>
        ErrorsOf(_create, new CreateTaskCommand(Guid.NewGuid(), 1, body));

    private IReadOnlyDictionary<string, string[]> UpdateErrors(UpdateTaskRequest body) =>
        ErrorsOf(_update, new UpdateTaskCommand(Guid.NewGuid(), 1, 2, body));

    [Test]
    public void Create_WithNameAndNextTasks_IsValid()
    {
        Assert.That(CreateErrors(new() { Name = "Greet", Description = Text(2_000), Prompt = Text(32_000), PosX = 1, NextTaskIds = [3, 4] }), Is.Empty);
    }

    [TestCase(null)]
    [TestCase("")]
    public void Create_WithoutName_IsAnErrorOnName(string? name)
    {
        Assert.That(CreateErrors(new() { Name = name }).Keys, Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Create_TextsOverTheirLimits_AreErrorsOnEachField()
    {
        Assert.That(CreateErrors(new() { Name = Text(201), Description = Text(2_001), Prompt = Text(32_001) }).Keys,
            Is.EquivalentTo(new[] { "name", "description", "prompt" }));
    }

    [TestCase(0L)]
    [TestCase(-7L)]
    public void Create_NextTaskIdThatIsNotPositive_IsAnErrorOnNextTaskIds(long id)
    {
        Assert.That(CreateErrors(new() { Name = "Greet", NextTaskIds = [3, id] }).Keys, Is.EqualTo(new[] { "nextTaskIds" }));
    }

    [Test]
    public void Create_MoreNextTasksThanAWorkflowCanHave_IsAnErrorOnNextTaskIds()
    {
        var ids = Enumerable.Range(1, WorkflowLimits.MaxTasks + 1).Select(i => (long)i).ToList();

        Assert.That(CreateErrors(new() { Name = "Greet", NextTaskIds = ids }).Keys, Is.EqualTo(new[] { "nextTaskIds" }));
    }

    [Test]
    public void Create_CoordinateNotFinite_IsAnError()
    {
        Assert.That(CreateErrors(new() { Name = "Greet", PosX = double.NaN }).Keys, Is.EqualTo(new[] { "posX" }));
    }

    [Test]
    public void Create_WithoutBody_IsAnErrorOnBody()
    {
        Assert.That(ErrorsOf(_create, new CreateTaskCommand(Guid.NewGuid(), 1, null!)).Keys, Is.EqualTo(new[] { "body" }));
    }

    [Test]
    public void Update_EmptyBody_IsValid()
    {
        Assert.That(UpdateErrors(new UpdateTaskRequest()), Is.Empty);
    }

    [Test]
    public void Update_NameSentAsNullOrBlank_IsAnErrorOnName()
    {
        Assert.That(UpdateErrors(new() { Name = new Optional<string?>(null) }).Keys, Is.EqualTo(new[] { "name" }));
        Assert.That(UpdateErrors(new() { Name = " " }).Keys, Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void Update_NextTaskIdsSentAsNull_IsValid()
    {
        // null clears the transitions.
        Assert.That(UpdateErrors(new() { NextTaskIds = new Optional<IReadOnlyList<long>?>(null) }), Is.Empty);
    }

    [Test]
    public void Update_NextTaskIdThatIsNotPositive_IsAnErrorOnNextTaskIds()
    {
        Assert.That(UpdateErrors(new() { NextTaskIds = new Optional<IReadOnlyList<long>?>([0]) }).Keys, Is.EqualTo(new[] { "nextTaskIds" }));
    }

    [Test]
    public void Update_FieldsPresentOverTheirLimits_AreErrors()
    {
        Assert.That(UpdateErrors(new() { Description = Text(2_001), Prompt = Text(32_001), PosY = double.PositiveInfinity }).Keys,
            Is.EquivalentTo(new[] { "description", "prompt", "posY" }));
    }
}

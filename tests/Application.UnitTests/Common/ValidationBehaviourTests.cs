using FluentValidation;
using Mediator;
using Workflows.Application.Common.Behaviours;

namespace Workflows.Application.UnitTests.Common;

public sealed class ValidationBehaviourTests
{
    public sealed record Rename(string? Name, string? Description) : IRequest<string>;

    [Test]
    public void Handle_WithFailuresFromSeveralValidators_ThrowsOneExceptionWithEveryFieldsMessages()
    {
        var nameRequired = new InlineValidator<Rename>();
        nameRequired.RuleFor(x => x.Name).NotEmpty().WithMessage("'name' is required.");
        var limits = new InlineValidator<Rename>();
        limits.RuleFor(x => x.Name).Must(n => n != "").WithMessage("'name' must not be an empty string.");
        limits.RuleFor(x => x.Description).MaximumLength(3).WithMessage("'description' is too long.");
        var behaviour = new ValidationBehaviour<Rename, string>([nameRequired, limits]);
        var next = new NextHandler();

        var thrown = Assert.ThrowsAsync<RequestValidationException>(async () =>
            await behaviour.Handle(new Rename("", "long"), next.Handle, CancellationToken.None));

        Assert.That(thrown.Errors.Keys, Is.EquivalentTo(new[] { "name", "description" }));
        Assert.That(thrown.Errors["name"], Is.EqualTo(new[] { "'name' is required.", "'name' must not be an empty string." }));
        Assert.That(thrown.Errors["description"], Is.EqualTo(new[] { "'description' is too long." }));
        Assert.That(next.Calls, Is.Zero, "the handler must not run on an invalid request");
    }

    [Test]
    public void Handle_WithTheSameMessageTwice_ReportsItOnce()
    {
        var first = new InlineValidator<Rename>();
        first.RuleFor(x => x.Name).NotEmpty().WithMessage("'name' is required.");
        var second = new InlineValidator<Rename>();
        second.RuleFor(x => x.Name).NotNull().WithMessage("'name' is required.");
        var behaviour = new ValidationBehaviour<Rename, string>([first, second]);

        var thrown = Assert.ThrowsAsync<RequestValidationException>(async () =>
            await behaviour.Handle(new Rename(null, null), new NextHandler().Handle, CancellationToken.None));

        Assert.That(thrown.Errors["name"], Is.EqualTo(new[] { "'name' is required." }));
    }

    [Test]
    public async Task Handle_WhenValid_CallsNextAndReturnsItsResponse()
    {
        var validator = new InlineValidator<Rename>();
        validator.RuleFor(x => x.Name).NotEmpty();
        var behaviour = new ValidationBehaviour<Rename, string>([validator]);
        var next = new NextHandler();

        var response = await behaviour.Handle(new Rename("Onboarding", null), next.Handle, CancellationToken.None);

        Assert.That(response, Is.EqualTo("handled Onboarding"));
        Assert.That(next.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Handle_WithoutValidators_CallsNext()
    {
        var behaviour = new ValidationBehaviour<Rename, string>([]);
        var next = new NextHandler();

        await behaviour.Handle(new Rename(null, null), next.Handle, CancellationToken.None);

        Assert.That(next.Calls, Is.EqualTo(1));
    }

    private sealed class NextHandler
    {
        public int Calls { get; private set; }

        public ValueTask<string> Handle(Rename message, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult($"handled {message.Name}");
        }
    }
}

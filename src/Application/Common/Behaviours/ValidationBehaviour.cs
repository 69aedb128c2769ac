namespace Workflows.Application.Common.Behaviours;

/// <summary>
/// Runs every validator of the message before anything else and reports all failures at once,
/// as one field → messages dictionary. It runs on every request, so it allocates nothing for a
/// message without validators or a valid one beyond what the validators themselves need; the
/// rules are synchronous (they check the request's shape; anything that needs the database is
/// the handler's or the aggregate's to decide).
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private readonly IValidator<TMessage>[] _validators = validators as IValidator<TMessage>[] ?? [.. validators];

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in _validators)
        {
            var result = validator.Validate(message);
            if (!result.IsValid) (failures ??= []).AddRange(result.Errors);
        }
        if (failures is not null) throw new RequestValidationException(failures);
        return next(message, cancellationToken);
    }
}

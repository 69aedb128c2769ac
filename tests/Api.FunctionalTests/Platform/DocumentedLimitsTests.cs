using System.Linq.Expressions;
using System.Net;
using System.Reflection;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Validators;
using Workflows.Application.Common.Validation;
using Workflows.Application.Workflows.Commands.CreateWorkflow;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// The document carries every limit the request validators enforce, as the validators state it:
/// the expected limits are read here from the validators' descriptors, so a new rule is checked
/// without touching this test; and a value at a documented limit is taken while one past it is refused.
/// </summary>
public sealed class DocumentedLimitsTests
{
    /// <summary>One limit a validator enforces: on <see cref="Property"/> of <see cref="Owner"/>, the JSON Schema keyword and its value.</summary>
    public sealed record Limit(Type Validator, Type Owner, string Property, string Keyword, decimal Value)
    {
        public string Json => JsonNamingPolicy.CamelCase.ConvertName(Property);

        public override string ToString() => $"{Validator.Name}: {Owner.Name}.{Json} {Keyword} {Value}";
    }

    /// <summary>Every limit of every validator of the application.</summary>
    public static IReadOnlyList<Limit> ValidatorLimits()
    {
        var limits = new List<Limit>();
        var validators = typeof(CreateWorkflowCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t));
        foreach (var type in validators)
        {
            Assert.That(type.GetConstructor(Type.EmptyTypes), Is.Not.Null, $"{type.Name} can be built to read its rules");
            foreach (var rule in ((IValidator)Activator.CreateInstance(type)!).CreateDescriptor().Rules)
            {
                var (owner, property) = Target(rule.Expression!.Body);
                foreach (var component in rule.Components)
                {
                    foreach (var (keyword, value) in Keywords(type, rule.PropertyName, component.Validator))
                        limits.Add(new Limit(type, owner, property, keyword, value));
                }
            }
        }
        return limits;
    }

    private static IEnumerable<(string Keyword, decimal Value)> Keywords(Type validator, string? property, IPropertyValidator component)
    {
        switch (component)
        {
            case ILengthValidator length:
                yield return ("maxLength", length.Max);
                if (length.Min > 0) yield return ("minLength", length.Min);
                break;
            case IMaxItemsValidator items:
                yield return ("maxItems", items.MaxItems);
                break;
            case IBetweenValidator between:
                Assert.That(component.Name, Is.EqualTo("InclusiveBetweenValidator"), $"{validator.Name}.{property}: a range the document states as minimum and maximum");
                yield return ("minimum", Convert.ToDecimal(between.From));
                yield return ("maximum", Convert.ToDecimal(between.To));
                break;
            case IComparisonValidator comparison:
                Assert.That(comparison.Comparison, Is.AnyOf(Comparison.GreaterThanOrEqual, Comparison.LessThanOrEqual),
                    $"{validator.Name}.{property}: a bound the document states as minimum or maximum");
                yield return (comparison.Comparison == Comparison.GreaterThanOrEqual ? "minimum" : "maximum", Convert.ToDecimal(comparison.ValueToCompare));
                break;
        }
    }

    /// <summary><c>x.Body.Name</c> is Name of the body's type; <c>x.Body.Name.Value</c> the same through an Optional.</summary>
    private static (Type Owner, string Property) Target(Expression expression)
    {
        var member = (MemberExpression)expression;
        var property = (PropertyInfo)member.Member;
        if (property.Name == "Value" && property.DeclaringType!.IsGenericType && property.DeclaringType.GetGenericTypeDefinition() == typeof(Optional<>))
            return Target(member.Expression!);
        var read = member.Expression is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Expression!;
        return (read.Type, property.Name);
    }

    private static async Task<JsonElement> DocumentAsync() =>
        await BodyShape.ReadAsync(await Testing.Factory.ClientFor(Guid.NewGuid().ToString()).GetAsync("openapi/v2.json"));

    [Test]
    public async Task Document_CarriesEveryLimitOfTheValidators_OnTheBodyPropertyOrQueryParameterItApplies_To()
    {
        var limits = ValidatorLimits();
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Name: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToList();

        Assert.That(limits.Select(l => $"{l.Owner.Name}.{l.Json} {l.Keyword} {l.Value}"), Is.SupersetOf(new[]
        {
            "CreateWorkflowRequest.name maxLength 200",
            "CreateWorkflowRequest.prompt maxLength 32000",
            "CreateWorkflowRequest.abilities maxItems 50",
            "ListWorkflowsQuery.limit maximum 200",
        }), "the validators' limits are read");
        Assert.Multiple(() =>
        {
            foreach (var limit in limits)
            {
                if (schemas.TryGetProperty(limit.Owner.Name, out var schema))
                {
                    Assert.That(schema.GetProperty("properties").TryGetProperty(limit.Json, out var property), Is.True, $"{limit}: the property is in the schema");
                    Assert.That(Keyword(property, limit.Keyword), Is.EqualTo(limit.Value), limit.ToString());
                    continue;
                }
                // A request read from the query: every operation whose query parameters it all takes.
                var takers = operations
                    .Select(o => (o.Name, Parameters: OpenApiParameters.Of(document, o.Operation).Where(x => x.GetProperty("in").GetString() == "query").ToList()))
                    .Where(o => o.Parameters.Any(p => p.GetProperty("name").GetString() == limit.Json)
                        && o.Parameters.All(p => limit.Owner.GetProperty(p.GetProperty("name").GetString()!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not null))
                    .ToList();
                Assert.That(takers, Is.Not.Empty, $"{limit}: an operation takes the parameter");
                foreach (var (name, parameters) in takers)
                {
                    var parameter = parameters.Single(p => p.GetProperty("name").GetString() == limit.Json);
                    Assert.That(Keyword(parameter.GetProperty("schema"), limit.Keyword), Is.EqualTo(limit.Value), $"{name}: {limit}");
                }
            }
        });
    }

    private static decimal? Keyword(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) ? value.GetDecimal() : null;

    private static async Task<decimal> DocumentedAsync(string schema, string property, string keyword) =>
        (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty(schema)
            .GetProperty("properties").GetProperty(property).GetProperty(keyword).GetDecimal();

    [Test]
    public async Task WorkflowName_AtItsDocumentedMaxLength_IsTaken_AndOneCharacterMore_IsRefused()
    {
        var maxLength = (int)await DocumentedAsync("CreateWorkflowRequest", "name", "maxLength");
        var ws = await TestWorkspace.CreateAsync();

        var taken = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = new string('n', maxLength) });
        var refused = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = new string('m', maxLength + 1) });

        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Created), await taken.Content.ReadAsStringAsync());
        await refused.ShouldBeValidationProblemAsync("name");
    }

    [Test]
    public async Task WorkflowName_CountsCodePoints_AsJsonSchemasMaxLengthDoes()
    {
        var maxLength = (int)await DocumentedAsync("CreateWorkflowRequest", "name", "maxLength");
        var ws = await TestWorkspace.CreateAsync();
        var emoji = char.ConvertFromUtf32(0x1F916); // two UTF-16 code units, one code point

        var taken = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = string.Concat(Enumerable.Repeat(emoji, maxLength)) });
        var refused = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = string.Concat(Enumerable.Repeat(emoji, maxLength + 1)) });

        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Created), await taken.Content.ReadAsStringAsync());
        await refused.ShouldBeValidationProblemAsync("name");
    }

    [Test]
    public async Task WorkflowPrompt_AtItsDocumentedMaxLength_IsTaken_AndOneCharacterMore_IsRefused()
    {
        var maxLength = (int)await DocumentedAsync("CreateWorkflowRequest", "prompt", "maxLength");
        var ws = await TestWorkspace.CreateAsync();

        var taken = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "At the limit", prompt = new string('p', maxLength) });
        var refused = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Past the limit", prompt = new string('p', maxLength + 1) });

        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Created), await taken.Content.ReadAsStringAsync());
        await refused.ShouldBeValidationProblemAsync("prompt");
    }

    [Test]
    public async Task PageSize_WithinItsDocumentedRange_IsTaken_AndOutsideIt_IsRefused()
    {
        var document = await DocumentAsync();
        var list = document.GetProperty("paths").EnumerateObject().Single(p => p.Name.EndsWith("/workflows", StringComparison.Ordinal)).Value.GetProperty("get");
        var parameter = OpenApiParameters.Of(document, list).Single(p => p.GetProperty("name").GetString() == "limit").GetProperty("schema");
        var minimum = (int)parameter.GetProperty("minimum").GetDecimal();
        var maximum = (int)parameter.GetProperty("maximum").GetDecimal();
        var ws = await TestWorkspace.CreateAsync();

        foreach (var taken in new[] { minimum, maximum })
        {
            var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?limit={taken}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"limit={taken}: {await response.Content.ReadAsStringAsync()}");
        }
        foreach (var refused in new[] { minimum - 1, maximum + 1 })
            await (await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?limit={refused}")).ShouldBeValidationProblemAsync("limit");
    }
}

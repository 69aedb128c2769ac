using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Api.Errors;
using Workflows.Api.Routing;

namespace Workflows.Api.Json;

public static class JsonSetup
{
    /// <summary>
    /// MVC binds and writes JSON only; FluentValidation (in the mediator pipeline) is the one
    /// validator, and a body that does not bind is answered as a validation problem. Route ids
    /// have one spelling (<see cref="RouteIds"/>) and a query parameter one value
    /// (<see cref="SingleQueryValues"/>), on every route.
    /// </summary>
    public static IServiceCollection AddWorkflowsControllers(this IServiceCollection services)
    {
        services.AddControllers(o =>
            {
                o.ModelValidatorProviders.Clear();
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                o.Conventions.Add(new RouteIds.Convention());
                o.ModelBinderProviders.Insert(0, new SingleQueryValues([.. o.ModelBinderProviders]));
            })
            .AddJsonOptions(o => Configure(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = InvalidModelState.Respond);
        services.Configure<JsonOptions>(o => o.AllowInputFormatterExceptionMessages = false);
        services.Configure<RouteOptions>(RouteIds.Register);
        return services;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new OptionalJsonConverterFactory());
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    /// <summary>Serializer options exactly as the service reads and writes bodies.</summary>
    public static JsonSerializerOptions Defaults()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}

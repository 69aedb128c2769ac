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
                Utf8Only(o);
            })
            .AddJsonOptions(o =>
            {
                Configure(o.JsonSerializerOptions);
                // A member the request type does not have is refused (400 unknown_member), never ignored.
                o.JsonSerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            })
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = InvalidModelState.Respond);
        services.Configure<JsonOptions>(o => o.AllowInputFormatterExceptionMessages = false);
        services.Configure<RouteOptions>(RouteIds.Register);
        return services;
    }

    /// <summary>
    /// JSON between systems is UTF-8 (RFC 8259): a body declared in another charset (UTF-16
    /// included) is 415, and is never transcoded; bytes that are not UTF-8 are a 400 like any other
    /// JSON that does not parse.
    /// </summary>
    private static void Utf8Only(MvcOptions options)
    {
        foreach (var formatter in options.InputFormatters.OfType<Microsoft.AspNetCore.Mvc.Formatters.TextInputFormatter>())
        {
            for (var i = formatter.SupportedEncodings.Count - 1; i >= 0; i--)
            {
                if (formatter.SupportedEncodings[i].CodePage != System.Text.Encoding.UTF8.CodePage)
                    formatter.SupportedEncodings.RemoveAt(i);
            }
        }
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

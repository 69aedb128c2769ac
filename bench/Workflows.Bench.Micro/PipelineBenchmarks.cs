using System.Reflection;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Workflows.Api;
using Workflows.Api.Security;
using Workflows.Application.Common.Security;
using Workflows.Application.Common.Behaviours;
using Workflows.Application.Common.Interfaces;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.Queries.GetWorkflow;
using Workflows.Domain.Members;
using Workflows.Domain.Workflows;

namespace Workflows.Bench.Micro;

/// <summary>
/// GET workflow through the service's request pipeline with no database: a scope, mediator dispatch,
/// the validation and authorization behaviours (scope and membership from the caller's claims), the
/// handler, and the mapping to the response. The handler and the stages are also measured alone:
/// the pipeline's overhead is <see cref="Pipeline"/> less <see cref="Handler"/>.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly Guid WorkspaceUuid = Guid.Parse("be4c0000-0000-4000-8000-0000000b1600");

    private ServiceProvider _services = null!;
    private Workflow _workflow = null!;
    private Member _member = null!;
    private GetWorkflowQuery _query = null!;
    private GetWorkflowValidator _validator = null!;
    private GetWorkflowHandler _handler = null!;
    private IHttpContextAccessor _accessor = null!;
    private CannedMembershipLookup _membershipLookup = null!;
    private MessageHandlerDelegate<GetWorkflowQuery, WorkflowResponse> _next = null!;

    [Params(1, 20)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _member = Member.Create(1, MemberKind.Person, "Bench Member", "be4c0000-0000-4000-8000-00000000ee02", MemberRole.Member);
        SetId(_member, 7);
        var owner = Member.Create(1, MemberKind.Person, "Owner", "be4c0000-0000-4000-8000-00000000ad01", MemberRole.Admin);
        SetId(owner, 3);
        _workflow = Workflow.Create(1, "Refund request", owner);
        SetId(_workflow, 42);
        _workflow.ChangeDescription("Refunds under 500 EUR");
        WorkflowTask? previous = null;
        for (var i = 0; i < Tasks; i++)
        {
            var task = _workflow.AddTask(new TaskDetails($"Step {i + 1}", "Checks the request.", null, 100 + i * 10, 80), [], isStart: i == 0);
            SetId(task, 1000 + i);
            if (previous is not null) _workflow.ConnectTask(previous, [task]);
            previous = task;
        }
        _query = new GetWorkflowQuery(WorkspaceUuid, "42");
        _validator = new GetWorkflowValidator();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Paging:CursorKey"] = Convert.ToBase64String(new byte[32]),
            ["ConnectionStrings:Workflows"] = "Data Source=:memory:",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApiServices(configuration, new HostingEnvironment { EnvironmentName = Environments.Development, ApplicationName = "Workflows.Api" });
        services.AddScoped<IApplicationDbContext>(_ => new CannedDatabase(_member, _workflow));
        services.AddScoped<IWorkflowStore>(_ => new CannedWorkflowStore(_workflow));
        services.AddScoped<IMembershipLookup>(_ => new CannedMembershipLookup(_member));
        services.AddScoped<IWorkflowAuthorityLookup>(_ => new CannedWorkflowAuthorityLookup(_workflow));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("oid", _member.ObjectId!), new Claim("tid", "be4c0000-0000-4000-8000-0000000000f1"), new Claim("scp", "workflows:read workflows:write workflows:admin")],
            authenticationType: "Bearer"));
        services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } });
        _services = services.BuildServiceProvider();

        var current = new CurrentMember();
        typeof(CurrentMember).GetMethod("Set", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(current, [_member]);
        var target = new CurrentWorkflow();
        typeof(CurrentWorkflow).GetMethod("Set", BindingFlags.NonPublic | BindingFlags.Instance)!
            .Invoke(target, [_workflow.Id, _workflow.AccessPolicy, _workflow.AccessFor(_member)]);
        _handler = new GetWorkflowHandler(new CannedWorkflowStore(_workflow), current, target);
        _accessor = _services.GetRequiredService<IHttpContextAccessor>();
        _membershipLookup = new CannedMembershipLookup(_member);
        var response = _workflow.ToResponse(_member);
        _next = (_, _) => ValueTask.FromResult(response);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>A request's whole pipeline: scope, dispatch, validation, authorization, handler, mapping.</summary>
    [Benchmark(Baseline = true)]
    public async Task<WorkflowResponse> Pipeline()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(_query);
    }

    /// <summary>The handler alone, called directly: its queries' expressions, the authority check and the mapping.</summary>
    [Benchmark]
    public ValueTask<WorkflowResponse> Handler() => _handler.Handle(_query, CancellationToken.None);

    /// <summary>A request scope and the mediator resolved from it, with nothing sent.</summary>
    [Benchmark]
    public async Task<bool> Scope()
    {
        await using var scope = _services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<ISender>() is not null;
    }

    /// <summary>The authorization behaviour alone: the caller's claims, the scope check, the membership lookup (answered at once).</summary>
    [Benchmark]
    public ValueTask<WorkflowResponse> Authorization() =>
        new AuthorizationBehaviour<GetWorkflowQuery, WorkflowResponse>(new CurrentUser(_accessor), _membershipLookup, new CurrentMember())
            .Handle(_query, _next, CancellationToken.None);

    /// <summary>Reading the caller from the token's claims, as the authorization behaviour does once a request.</summary>
    [Benchmark]
    public int Claims()
    {
        var user = new CurrentUser(_accessor);
        return user.ObjectId!.Length + user.Permissions.Count;
    }

    /// <summary>The mapping alone: aggregate to response, permissions and ETag included.</summary>
    [Benchmark]
    public WorkflowResponse Mapping() => _workflow.ToResponse(_member);

    /// <summary>The validator alone.</summary>
    [Benchmark]
    public bool Validation() => _validator.Validate(_query).IsValid;

    private static void SetId(object entity, long id) =>
        entity.GetType().GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
}

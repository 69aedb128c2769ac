global using Mediator;
global using Workflows.Application.Common.Security;
global using Workflows.Domain.Workflows;

global using Mediator;
global using Workflows.Application.Common.Models;
global using Workflows.Application.Common.Security;
global using Workflows.Domain.Common;
global using Workflows.Domain.Members;
global using Workflows.Domain.Workflows;

global using Workflows.Domain.Common;
global using Workflows.Domain.Members;
global using Workflows.Domain.Workflows;

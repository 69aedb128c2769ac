global using System.Net;
global using System.Net.Http.Json;
global using Workflows.Api.FunctionalTests.Infrastructure;
global using Workflows.Reliability.Tests.Infrastructure;

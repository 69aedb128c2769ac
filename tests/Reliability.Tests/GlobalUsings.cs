global using System.Net;
global using System.Net.Http.Json;
global using Workflows.TestSupport;
global using Workflows.Reliability.Tests.Infrastructure;

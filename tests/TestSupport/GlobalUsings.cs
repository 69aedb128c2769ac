global using System.Net.Http.Json;
global using Workflows.Application.Common.Models;

global using Mediator;
global using Microsoft.AspNetCore.Mvc;
global using Workflows.Application.Common.Models;

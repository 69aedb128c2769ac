# Production image of the Workflows API (used by docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Api/Workflows.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# The image's unprivileged user `app`, by number (APP_UID, 1654), so that an orchestrator can
# check it is not root (Kubernetes' runAsNonRoot).
USER $APP_UID
# The image has no curl or wget: the service asks its own /health/ready and exits 0 or 1.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "Workflows.Api.dll", "--health-check", "http://localhost:8080/health/ready"]
# Exec form: dotnet is PID 1 and receives SIGTERM itself, which starts the graceful stop.
ENTRYPOINT ["dotnet", "Workflows.Api.dll"]

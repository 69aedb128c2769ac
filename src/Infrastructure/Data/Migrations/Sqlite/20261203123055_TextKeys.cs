using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TextKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Inboxes_WorkspaceId_Address",
                table: "Inboxes");

            migrationBuilder.AddColumn<string>(
                name: "AddressKey",
                table: "Inboxes",
                type: "TEXT",
                maxLength: 800,
                nullable: false,
                defaultValue: "");

            // Addresses are unique as written until the data step computes their keys (TextKeyRefresh).
            migrationBuilder.Sql("UPDATE \"Inboxes\" SET \"AddressKey\" = \"Address\";");

            migrationBuilder.CreateIndex(
                name: "IX_Inboxes_WorkspaceId_AddressKey",
                table: "Inboxes",
                columns: new[] { "WorkspaceId", "AddressKey" },
                unique: true);

            // Name and address keys are computed in .NET: the data step runs on start after migrating
            // (TextKeyRefresh) and removes this marker when every workspace is done.
            migrationBuilder.Sql("CREATE TABLE IF NOT EXISTS \"PendingDataSteps\" (\"Name\" TEXT NOT NULL CONSTRAINT \"PK_PendingDataSteps\" PRIMARY KEY);");
            migrationBuilder.Sql("INSERT INTO \"PendingDataSteps\" (\"Name\") VALUES ('text-keys');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE \"PendingDataSteps\";");

            migrationBuilder.DropIndex(
                name: "IX_Inboxes_WorkspaceId_AddressKey",
                table: "Inboxes");

            migrationBuilder.DropColumn(
                name: "AddressKey",
                table: "Inboxes");

            migrationBuilder.CreateIndex(
                name: "IX_Inboxes_WorkspaceId_Address",
                table: "Inboxes",
                columns: new[] { "WorkspaceId", "Address" },
                unique: true);
        }
    }
}

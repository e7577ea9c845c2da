using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UnitWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NoticeWebhook",
                table: "OrgUnits",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Webhook",
                table: "Notices",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NoticeWebhook",
                table: "OrgUnits");

            migrationBuilder.DropColumn(
                name: "Webhook",
                table: "Notices");
        }
    }
}

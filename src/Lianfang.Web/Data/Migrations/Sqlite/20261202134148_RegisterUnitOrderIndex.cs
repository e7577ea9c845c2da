using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterUnitOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RiskPoints_OrgUnitId_CampaignId",
                table: "RiskPoints");

            migrationBuilder.CreateIndex(
                name: "IX_RiskPoints_OrgUnitId_CampaignId_ListId_Seq",
                table: "RiskPoints",
                columns: new[] { "OrgUnitId", "CampaignId", "ListId", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RiskPoints_OrgUnitId_CampaignId_ListId_Seq",
                table: "RiskPoints");

            migrationBuilder.CreateIndex(
                name: "IX_RiskPoints_OrgUnitId_CampaignId",
                table: "RiskPoints",
                columns: new[] { "OrgUnitId", "CampaignId" });
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SummaryRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SummaryRollups",
                columns: table => new
                {
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LevelCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Measures = table.Column<int>(type: "INTEGER", nullable: false),
                    SupervisionMethods = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnMeasures = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnSupervisionMethods = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SummaryRollups", x => new { x.CampaignId, x.OrgUnitId, x.CategoryCode, x.LevelCode });
                    table.ForeignKey(
                        name: "FK_SummaryRollups_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SummaryRollups_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SummaryRollups_OrgUnitId",
                table: "SummaryRollups",
                column: "OrgUnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SummaryRollups");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InternalRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // 制度 are counted from their records now. SQLite drops the columns in place: EF's DropColumn would rebuild
            // RiskPoints and lose its search triggers.
            migrationBuilder.Sql("ALTER TABLE RiskPoints DROP COLUMN NewSystemCount;");
            migrationBuilder.Sql("ALTER TABLE RiskPoints DROP COLUMN RevisedSystemCount;");

            migrationBuilder.CreateTable(
                name: "InternalRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InternalRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InternalRules_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InternalRules_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InternalRulePoints",
                columns: table => new
                {
                    InternalRuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskPointId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InternalRulePoints", x => new { x.InternalRuleId, x.RiskPointId });
                    table.ForeignKey(
                        name: "FK_InternalRulePoints_InternalRules_InternalRuleId",
                        column: x => x.InternalRuleId,
                        principalTable: "InternalRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InternalRulePoints_RiskPoints_RiskPointId",
                        column: x => x.RiskPointId,
                        principalTable: "RiskPoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InternalRulePoints_RiskPointId",
                table: "InternalRulePoints",
                column: "RiskPointId");

            migrationBuilder.CreateIndex(
                name: "IX_InternalRules_CampaignId_OrgUnitId",
                table: "InternalRules",
                columns: new[] { "CampaignId", "OrgUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_InternalRules_OrgUnitId",
                table: "InternalRules",
                column: "OrgUnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InternalRulePoints");

            migrationBuilder.DropTable(
                name: "InternalRules");

            migrationBuilder.AddColumn<int>(
                name: "NewSystemCount",
                table: "RiskPoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RevisedSystemCount",
                table: "RiskPoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }
    }
}

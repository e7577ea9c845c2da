using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InternalRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NewSystemCount",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "RevisedSystemCount",
                table: "RiskPoints");

            migrationBuilder.CreateTable(
                name: "InternalRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Change = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DocumentNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Remarks = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    InternalRuleId = table.Column<int>(type: "integer", nullable: false),
                    RiskPointId = table.Column<long>(type: "bigint", nullable: false)
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RevisedSystemCount",
                table: "RiskPoints",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}

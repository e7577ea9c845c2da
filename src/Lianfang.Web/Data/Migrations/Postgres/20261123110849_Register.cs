using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Register : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    SchemeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RootOrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CarriedFromId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Campaigns_Campaigns_CarriedFromId",
                        column: x => x.CarriedFromId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Campaigns_OrgUnits_RootOrgUnitId",
                        column: x => x.RootOrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Schemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BasedOn = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OwnerOrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Schemes_OrgUnits_OwnerOrgUnitId",
                        column: x => x.OwnerOrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RiskLists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    SchemeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    PostId = table.Column<int>(type: "integer", nullable: true),
                    HolderPersonId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Stage = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskLists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskLists_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RiskLists_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RiskLists_People_HolderPersonId",
                        column: x => x.HolderPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RiskLists_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RiskPoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ListId = table.Column<int>(type: "integer", nullable: false),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Manifestation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LevelCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ApprovedLevelCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PostId = table.Column<int>(type: "integer", nullable: true),
                    Sources = table.Column<string>(type: "text", nullable: false),
                    Measures = table.Column<string>(type: "text", nullable: false),
                    Supervision = table.Column<string>(type: "text", nullable: false),
                    Responsible = table.Column<string>(type: "text", nullable: false),
                    OriginId = table.Column<long>(type: "bigint", nullable: true),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskPoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskPoints_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RiskPoints_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_RiskPoints_RiskLists_ListId",
                        column: x => x.ListId,
                        principalTable: "RiskLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_CarriedFromId",
                table: "Campaigns",
                column: "CarriedFromId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_RootOrgUnitId_Year",
                table: "Campaigns",
                columns: new[] { "RootOrgUnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskLists_CampaignId_OrgUnitId",
                table: "RiskLists",
                columns: new[] { "CampaignId", "OrgUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskLists_CampaignId_Scope_OrgUnitId_PostId_HolderPersonId",
                table: "RiskLists",
                columns: new[] { "CampaignId", "Scope", "OrgUnitId", "PostId", "HolderPersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskLists_HolderPersonId",
                table: "RiskLists",
                column: "HolderPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskLists_OrgUnitId",
                table: "RiskLists",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskLists_PostId",
                table: "RiskLists",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskPoints_CampaignId_CategoryCode_LevelCode",
                table: "RiskPoints",
                columns: new[] { "CampaignId", "CategoryCode", "LevelCode" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskPoints_ListId_Seq",
                table: "RiskPoints",
                columns: new[] { "ListId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskPoints_OrgUnitId_CampaignId",
                table: "RiskPoints",
                columns: new[] { "OrgUnitId", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskPoints_OriginId",
                table: "RiskPoints",
                column: "OriginId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskPoints_PostId",
                table: "RiskPoints",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_Schemes_Code",
                table: "Schemes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Schemes_OwnerOrgUnitId",
                table: "Schemes",
                column: "OwnerOrgUnitId");

            // Chinese substring search: a pg_trgm GIN index serves ILIKE '%…%' over SearchText.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX \"IX_RiskPoints_SearchText_trgm\" ON \"RiskPoints\" USING gin (\"SearchText\" gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_RiskPoints_SearchText_trgm\";");

            migrationBuilder.DropTable(
                name: "RiskPoints");

            migrationBuilder.DropTable(
                name: "Schemes");

            migrationBuilder.DropTable(
                name: "RiskLists");

            migrationBuilder.DropTable(
                name: "Campaigns");
        }
    }
}

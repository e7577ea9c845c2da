using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RootOrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CarriedFromId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BasedOn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OwnerOrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PostId = table.Column<int>(type: "INTEGER", nullable: true),
                    HolderPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Manifestation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LevelCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApprovedLevelCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PostId = table.Column<int>(type: "INTEGER", nullable: true),
                    Sources = table.Column<string>(type: "TEXT", nullable: false),
                    Measures = table.Column<string>(type: "TEXT", nullable: false),
                    Supervision = table.Column<string>(type: "TEXT", nullable: false),
                    Responsible = table.Column<string>(type: "TEXT", nullable: false),
                    OriginId = table.Column<long>(type: "INTEGER", nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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

            // Chinese substring search: an FTS5 trigram index over SearchText, kept in step by triggers.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE RiskPointsFts USING fts5(SearchText, content='RiskPoints', content_rowid='Id', tokenize='trigram');");
            migrationBuilder.Sql("CREATE TRIGGER RiskPoints_fts_insert AFTER INSERT ON RiskPoints BEGIN INSERT INTO RiskPointsFts(rowid, SearchText) VALUES (new.Id, new.SearchText); END;");
            migrationBuilder.Sql("CREATE TRIGGER RiskPoints_fts_delete AFTER DELETE ON RiskPoints BEGIN INSERT INTO RiskPointsFts(RiskPointsFts, rowid, SearchText) VALUES ('delete', old.Id, old.SearchText); END;");
            migrationBuilder.Sql("CREATE TRIGGER RiskPoints_fts_update AFTER UPDATE OF SearchText ON RiskPoints BEGIN INSERT INTO RiskPointsFts(RiskPointsFts, rowid, SearchText) VALUES ('delete', old.Id, old.SearchText); INSERT INTO RiskPointsFts(rowid, SearchText) VALUES (new.Id, new.SearchText); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS RiskPoints_fts_insert; DROP TRIGGER IF EXISTS RiskPoints_fts_delete; DROP TRIGGER IF EXISTS RiskPoints_fts_update; DROP TABLE IF EXISTS RiskPointsFts;");

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

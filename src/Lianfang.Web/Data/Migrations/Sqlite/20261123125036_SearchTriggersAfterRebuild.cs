using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchTriggersAfterRebuild : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The Powers migration added a foreign key, which rebuilds RiskPoints on SQLite and drops its triggers;
            // the search index gets them back, and is rebuilt from the table.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS RiskPoints_fts_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS RiskPoints_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS RiskPoints_fts_update;");
            migrationBuilder.Sql("CREATE TRIGGER RiskPoints_fts_insert AFTER INSERT ON RiskPoints BEGIN INSERT INTO RiskPointsFts(rowid, SearchText) VALUES (new.Id, new.SearchText); END;");
            migrationBuilder.Sql("CREATE TRIGGER RiskPoints_fts_delete AFTER DELETE ON RiskPoints BEGIN INSERT INTO RiskPointsFts(RiskPointsFts, rowid, SearchText) VALUES ('delete', old.Id, old.SearchText); END;");
            migrationBuilder.Sql("CREATE TRIGGER RiskPoints_fts_update AFTER UPDATE OF SearchText ON RiskPoints BEGIN INSERT INTO RiskPointsFts(RiskPointsFts, rowid, SearchText) VALUES ('delete', old.Id, old.SearchText); INSERT INTO RiskPointsFts(rowid, SearchText) VALUES (new.Id, new.SearchText); END;");
            migrationBuilder.Sql("INSERT INTO RiskPointsFts(RiskPointsFts) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}

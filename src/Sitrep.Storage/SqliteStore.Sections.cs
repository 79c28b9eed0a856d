using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Sitrep.Core;

namespace Sitrep.Storage;

public sealed partial class SqliteStore
{
    /// <summary>
    /// Stores a long document's analysis section by section in one transaction: each section's facts are written as
    /// they come; the article (a new one with its content and language, so its text is indexed for search once), the
    /// actors and places (with all their mentions) at the end, the foreign keys checked at the commit. The store is
    /// held from the first section to the end, so other writers of this store wait.
    /// </summary>
    public IAnalysisWriter BeginSave(Document doc, string pipelineVersion, string? source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(pipelineVersion);
        return new SectionWriter(this, doc, pipelineVersion, source, cancellationToken);
    }

    private static string ModelVersions(Document doc) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(doc.Provenance, StringComparer.Ordinal));

    private sealed class SectionWriter(SqliteStore store, Document whole, string pipelineVersion, string? source, CancellationToken cancellationToken) : IAnalysisWriter
    {
        private readonly Dictionary<string, Place> _places = new(StringComparer.Ordinal);
        private SqliteTransaction? _tx;
        private bool _begun;
        private bool _locked;
        private bool _unchanged;
        private bool _revised;
        private long _analysisId;
        private string _modelVersions = "";

        private SqliteConnection Connection => store._connection;

        public bool Write(Document section)
        {
            ArgumentNullException.ThrowIfNull(section);
            Begin();
            if (_unchanged)
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            for (var i = _places.Count; i < whole.Places.Count; i++)
            {
                _places[whole.Places[i].Id] = whole.Places[i];
            }

            store.InsertSectionFacts(whole, section, _analysisId, _places, _tx!);
            return true;
        }

        public SaveOutcome Complete()
        {
            Begin();
            if (_unchanged)
            {
                Release();
                return SaveOutcome.Unchanged;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var tx = _tx!;
            var id = whole.Id;
            store.InsertActorsAndPlaces(whole, _analysisId, tx);
            var modelVersions = ModelVersions(whole);
            if (modelVersions != _modelVersions)
            {
                Connection.Execute("UPDATE analyses SET model_versions=@modelVersions WHERE id=@analysisId", new { modelVersions, analysisId = _analysisId }, tx);
            }

            if (_revised)
            {
                Connection.Execute("UPDATE articles SET content=@content WHERE id=@id", new { id, content = OutletBoilerplate.StoredContent(whole) }, tx);
            }
            else
            {
                store.InsertArticle(whole, "analysed", source, tx);
                OutletBoilerplate.Record(Connection, tx, whole);
            }

            tx.Commit();
            Release();
            return _revised ? SaveOutcome.Revised : SaveOutcome.Stored;
        }

        public void Dispose() => Release();

        // The first section (or the end, when none came) takes the store and decides: unchanged, revised or stored.
        private void Begin()
        {
            if (_begun)
            {
                return;
            }

            _begun = true;
            cancellationToken.ThrowIfCancellationRequested();
            store._gate.Enter();
            _locked = true;
            var c = Connection;
            var id = whole.Id;
            _modelVersions = ModelVersions(whole);
            _tx = c.BeginTransaction(deferred: false);
            long revision;
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM articles WHERE id=@id", new { id }, _tx) > 0)
            {
                var same = c.ExecuteScalar<long>(
                    "SELECT COUNT(*) FROM analyses WHERE article_id=@id AND pipeline_version=@pv AND model_versions=@mv AND is_current=1",
                    new { id, pv = pipelineVersion, mv = _modelVersions }, _tx);
                if (same > 0)
                {
                    _unchanged = true;
                    Release();
                    return;
                }

                revision = c.ExecuteScalar<long>("SELECT COALESCE(MAX(revision),0) FROM analyses WHERE article_id=@id", new { id }, _tx) + 1;
                c.Execute("UPDATE analyses SET is_current=0 WHERE article_id=@id", new { id }, _tx);
                c.Execute("UPDATE articles SET status='analysed' WHERE id=@id", new { id }, _tx);
                _revised = true;
            }
            else
            {
                // The article row comes at the end, when its content and language are known; until the commit the
                // analysis and its facts may refer to it (SQLite resets this at the end of the transaction).
                c.Execute("PRAGMA defer_foreign_keys = ON", transaction: _tx);
                revision = 1;
            }

            _analysisId = c.ExecuteScalar<long>(
                """
                INSERT INTO analyses(article_id, revision, pipeline_version, model_versions, is_current, created_at)
                VALUES (@id, @revision, @pv, @mv, 1, @at) RETURNING id
                """,
                new { id, revision, pv = pipelineVersion, mv = _modelVersions, at = Now() }, _tx);
        }

        // Rolls back what was not committed and lets other writers in.
        private void Release()
        {
            _tx?.Dispose();
            _tx = null;
            if (_locked)
            {
                _locked = false;
                store._gate.Exit();
            }
        }
    }
}

using Npgsql;
using Sitrep.Core;

namespace Sitrep.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Stores a long document's analysis section by section in one transaction on one connection: each section's
    /// facts are sent as they come, the actors and places (with all their mentions) and the content at the end. The
    /// article's advisory lock is held from the first section to the end, so another writer of the same text waits.
    /// </summary>
    public IAnalysisWriter BeginSave(Document doc, string pipelineVersion, string? source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(pipelineVersion);
        CheckStorable(doc);
        return new SectionWriter(this, doc, pipelineVersion, source, cancellationToken);
    }

    private sealed class SectionWriter(PostgresStore store, Document whole, string pipelineVersion, string? source, CancellationToken cancellationToken) : IAnalysisWriter
    {
        private readonly Dictionary<string, Place> _places = new(StringComparer.Ordinal);
        private NpgsqlConnection? _connection;
        private NpgsqlTransaction? _tx;
        private bool _begun;
        private bool _unchanged;
        private bool _revised;
        private long _analysisId;
        private string _modelVersions = "";
        private string? _content;
        private string? _language;

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

            using var batch = new NpgsqlBatch(_connection, _tx);
            AddSectionInserts(batch, whole, section, _analysisId, _places);
            if (batch.BatchCommands.Count > 0)
            {
                batch.ExecuteNonQuery();
            }

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
            var id = whole.Id;
            using (var batch = new NpgsqlBatch(_connection, _tx))
            {
                AddActorAndPlaceInserts(batch, whole, _analysisId);
                var modelVersions = ModelVersions(whole);
                if (modelVersions != _modelVersions)
                {
                    batch.BatchCommands.Add(Command("UPDATE analyses SET model_versions=$2 WHERE id=$1", _analysisId, modelVersions));
                }

                var content = OutletBoilerplate.StoredContent(whole);
                if (_revised || !string.Equals(content, _content, StringComparison.Ordinal))
                {
                    batch.BatchCommands.Add(Command("UPDATE articles SET content=$2 WHERE id=$1", id, content));
                }

                if (!string.Equals(whole.Language, _language, StringComparison.Ordinal))
                {
                    batch.BatchCommands.Add(Command("UPDATE articles SET language=$2 WHERE id=$1", id, whole.Language));
                }

                if (batch.BatchCommands.Count > 0)
                {
                    batch.ExecuteNonQuery();
                }
            }

            if (!_revised)
            {
                OutletBoilerplate.Record(_connection!, _tx!, whole);
            }

            _tx!.Commit();
            Release();
            return _revised ? SaveOutcome.Revised : SaveOutcome.Stored;
        }

        public void Dispose() => Release();

        // The first section (or the end, when none came) takes the article's lock and decides: unchanged, revised or stored.
        private void Begin()
        {
            if (_begun)
            {
                return;
            }

            _begun = true;
            cancellationToken.ThrowIfCancellationRequested();
            _modelVersions = ModelVersions(whole);
            _language = whole.Language;
            _connection = store._dataSource.OpenConnection();
            _tx = _connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);
            long stored, same, lastRevision;
            using (var probe = new NpgsqlBatch(_connection, _tx))
            {
                probe.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock($1)", LockKey(store._lockScope + "|article:" + whole.Id)));
                probe.BatchCommands.Add(Command(
                    """
                    SELECT (SELECT COUNT(*) FROM articles WHERE id=$1),
                           (SELECT COUNT(*) FROM analyses WHERE article_id=$1 AND pipeline_version=$2 AND model_versions=$3 AND is_current=1),
                           (SELECT COALESCE(MAX(revision),0) FROM analyses WHERE article_id=$1),
                           nextval(pg_get_serial_sequence('analyses', 'id'))
                    """,
                    whole.Id, pipelineVersion, _modelVersions));
                using var reader = probe.ExecuteReader();
                reader.NextResult();
                reader.Read();
                (stored, same, lastRevision, _analysisId) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }

            if (same > 0)
            {
                _unchanged = true;
                Release();
                return;
            }

            using var write = new NpgsqlBatch(_connection, _tx);
            if (stored > 0)
            {
                write.BatchCommands.Add(Command("UPDATE analyses SET is_current=0 WHERE article_id=$1", whole.Id));
                write.BatchCommands.Add(Command("UPDATE articles SET status='analysed' WHERE id=$1", whole.Id));
                _revised = true;
            }
            else
            {
                _content = OutletBoilerplate.StoredContent(whole);
                write.BatchCommands.Add(ArticleInsert(whole, "analysed", source));
            }

            write.BatchCommands.Add(Command(
                """
                INSERT INTO analyses(id, article_id, revision, pipeline_version, model_versions, is_current, created_at)
                VALUES ($1, $2, $3, $4, $5, 1, $6)
                """,
                _analysisId, whole.Id, lastRevision + 1, pipelineVersion, _modelVersions, Now()));
            write.ExecuteNonQuery();
        }

        // Rolls back what was not committed and returns the connection.
        private void Release()
        {
            _tx?.Dispose();
            _tx = null;
            _connection?.Dispose();
            _connection = null;
        }
    }

    private static string ModelVersions(Document doc) =>
        System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, string>(doc.Provenance, StringComparer.Ordinal));
}

using System.Data;
using System.Globalization;
using Dapper;

namespace Sitrep.Storage;

/// <summary>The few SQL forms in which SQLite and PostgreSQL differ, for the queries both stores build alike.</summary>
internal sealed class SqlDialect
{
    private readonly bool _postgres;

    private SqlDialect(bool postgres) => _postgres = postgres;

    public static SqlDialect Sqlite { get; } = new(postgres: false);

    public static SqlDialect Postgres { get; } = new(postgres: true);

    public bool IsPostgres => _postgres;

    /// <summary>The insertion-order column of a table (SQLite's rowid, PostgreSQL's seq).</summary>
    public string Seq => _postgres ? "seq" : "rowid";

    /// <summary>Appended to an ORDER BY term of text so that both stores sort by code point.</summary>
    public string Binary => _postgres ? " COLLATE \"C\"" : "";

    /// <summary>A case-insensitive equality of a column and a parameter.</summary>
    public string Same(string column, string parameter) =>
        _postgres ? $"lower({column}) = lower({parameter})" : $"{column} = {parameter} COLLATE NOCASE";

    /// <summary>The column is one of the values (an array on PostgreSQL, a list Dapper expands on SQLite).</summary>
    public (string Clause, object Value) OneOf(string column, string parameter, IReadOnlyCollection<string> values) =>
        _postgres ? ($"{column} = ANY({parameter})", values.ToArray()) : ($"{column} IN {parameter}", values);

    /// <summary>The column contains the text, ignoring case; LIKE wildcards in the text are taken literally.</summary>
    public (string Clause, string Value) Contains(string column, string parameter, string text)
    {
        var escaped = text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        return ($"{column} {(_postgres ? "ILIKE" : "LIKE")} {parameter} ESCAPE '\\'", "%" + escaped + "%");
    }

    /// <summary>The article (alias <c>ar</c>) matches all the words of a free-text query.</summary>
    public (string Clause, string Value) FullText(string text) =>
        _postgres
            ? ("ar.search @@ websearch_to_tsquery('english', @text)", text.Replace("\0", "\\0", StringComparison.Ordinal))
            : ("ar.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @text)", SqliteStore.FtsQuery(text));
}

/// <summary>
/// The WHERE clause and parameters of one analyst query (<see cref="FactQuery"/>), built the same way for both stores;
/// only the <see cref="SqlDialect"/> forms differ.
/// </summary>
internal sealed class FactFilter
{
    private readonly List<string> _where = [];
    private readonly FactQuery _query;
    private readonly SqlDialect _dialect;

    public FactFilter(FactQuery query, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(query);
        _query = query;
        _dialect = dialect;
        Args.Add("limit", Math.Max(0, query.Limit));
        Args.Add("offset", Math.Max(0, query.Offset));
        Args.Add("cap", query.CountCap);
    }

    public DynamicParameters Args { get; } = new();

    /// <summary>"WHERE …" or the empty string.</summary>
    public string Sql => _where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _where);

    /// <summary>Filters of event queries; <paramref name="index"/> is the alias that holds day, type and coordinates.</summary>
    public static FactFilter Events(FactQuery query, SqlDialect dialect, string index)
    {
        var f = new FactFilter(query, dialect);
        if (query.Types is { Count: > 0 } types)
        {
            var (clause, value) = dialect.OneOf($"{index}.type", "@types", types);
            f.Add(clause, "types", value);
        }

        f.DayRange($"{index}.day");
        f.BoundingBox(index);
        if (query.Place is not null && query.Country is not null)
        {
            f.Add($"({dialect.Same($"{index}.location", "@place")} OR {index}.country = @country)", "place", query.Place);
            f.Args.Add("country", query.Country);
        }
        else if (query.Place is not null)
        {
            f.Add(dialect.Same($"{index}.location", "@place"), "place", query.Place);
        }
        else if (query.Country is not null)
        {
            f.Add($"{index}.country = @country", "country", query.Country);
        }

        if (query.Actor is not null)
        {
            f.Add($"({dialect.Same("e.actor", "@actor")} OR {dialect.Same("e.target", "@actor")})", "actor", query.Actor);
        }

        if (query.Source is not null)
        {
            f.Add(
                $"""
                ({dialect.Same("ar.outlet", "@source")} OR EXISTS (SELECT 1 FROM claims c WHERE c.analysis_id = e.analysis_id
                  AND c.event_local_id = e.local_id AND {dialect.Same("c.source", "@source")}))
                """,
                "source",
                query.Source);
        }

        if (query.EventLocalId is not null)
        {
            f.Add("e.local_id = @eventLocalId", "eventLocalId", query.EventLocalId);
        }

        f.ArticleFilters($"{index}.analysis_id");
        return f;
    }

    public static FactFilter Quantities(FactQuery query, SqlDialect dialect)
    {
        var f = new FactFilter(query, dialect);
        f.DayRange("ar.published");
        if (query.Unit is not null)
        {
            f.Add("q.unit = @unit", "unit", query.Unit);
        }

        if (query.Actor is not null)
        {
            f.Add(dialect.Same("q.owner", "@actor"), "actor", query.Actor);
        }

        if (query.Source is not null)
        {
            f.Add(dialect.Same("ar.outlet", "@source"), "source", query.Source);
        }

        f.ArticleFilters("q.analysis_id");
        return f;
    }

    public static FactFilter Claims(FactQuery query, SqlDialect dialect)
    {
        var f = new FactFilter(query, dialect);
        f.DayRange("ar.published");
        if (query.EventLocalId is not null)
        {
            f.Add("c.event_local_id = @eventLocalId", "eventLocalId", query.EventLocalId);
        }

        if (query.Stance is not null)
        {
            f.Add(dialect.Same("c.stance", "@stance"), "stance", query.Stance);
        }

        if (query.Actor is not null)
        {
            f.Add(dialect.Same("c.source", "@actor"), "actor", query.Actor);
        }

        if (query.Source is not null)
        {
            f.Add($"({dialect.Same("c.source", "@source")} OR {dialect.Same("ar.outlet", "@source")})", "source", query.Source);
        }

        f.ArticleFilters("c.analysis_id");
        return f;
    }

    /// <summary>Filters of the actor summary: names containing the query's actor text.</summary>
    public static FactFilter Actors(FactQuery query, SqlDialect dialect)
    {
        var f = new FactFilter(query, dialect);
        f.DayRange("ar.published");
        if (query.Actor is not null)
        {
            var (clause, value) = dialect.Contains("x.name", "@actor", query.Actor);
            f.Add(clause, "actor", value);
        }

        f.ArticleFilters("x.analysis_id");
        return f;
    }

    /// <summary>Filters of the place summary.</summary>
    public static FactFilter Places(FactQuery query, SqlDialect dialect)
    {
        var f = new FactFilter(query, dialect);
        f.DayRange("ar.published");
        f.BoundingBox("p");
        f.ArticleFilters("p.analysis_id");
        return f;
    }

    public void Add(string clause) => _where.Add(clause);

    public void Add(string clause, string name, object? value)
    {
        _where.Add(clause);
        Args.Add(name, value);
    }

    /// <summary>Days on or after From and on or before To (days may carry a time of day: compare before the next day).</summary>
    public void DayRange(string column)
    {
        if (_query.From is { } from)
        {
            Add($"{column} >= @from", "from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (_query.To is { } to)
        {
            Add($"{column} < @toNext", "toNext", to.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Inside the bounding box, also when it crosses the antimeridian (west &gt; east).</summary>
    public void BoundingBox(string alias)
    {
        if (_query.MinLat is { } minLat && _query.MaxLat is { } maxLat && _query.MinLon is { } minLon && _query.MaxLon is { } maxLon)
        {
            Add($"{alias}.lat BETWEEN @minLat AND @maxLat", "minLat", minLat);
            Add(minLon <= maxLon ? $"{alias}.lon BETWEEN @minLon AND @maxLon" : $"({alias}.lon >= @minLon OR {alias}.lon <= @maxLon)");
            Args.Add("maxLat", maxLat);
            Args.Add("minLon", minLon);
            Args.Add("maxLon", maxLon);
        }
    }

    /// <summary>One article, analyses newer than a given id, and free text over the article (alias <c>ar</c>).</summary>
    public void ArticleFilters(string analysisColumn)
    {
        if (_query.ArticleId is not null)
        {
            Add("ar.id = @articleId", "articleId", _query.ArticleId);
        }

        if (_query.AfterAnalysisId is { } after)
        {
            Add($"{analysisColumn} > @after", "after", after);
        }

        if (!string.IsNullOrWhiteSpace(_query.Text))
        {
            var (clause, value) = _dialect.FullText(_query.Text);
            Add(clause, "text", value);
        }
    }

    /// <summary>
    /// The number of matching rows, counted up to the query's cap; a first page shorter than the limit is the whole
    /// answer and needs no count.
    /// </summary>
    public (long Total, bool Exact) Count(IDbConnection connection, string from, int pageCount)
    {
        if (_query.Offset == 0 && pageCount < _query.Limit)
        {
            return (pageCount, true);
        }

        var n = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM (SELECT 1 {from} {Sql} LIMIT @cap) capped", Args);
        return (n, n < _query.CountCap);
    }

    /// <summary>
    /// The count of a list query ignoring its limit and offset (<see cref="ISitrepStore.CountListed"/>):
    /// <paramref name="what"/> is articles, events, claims or quantities.
    /// </summary>
    public static (string Sql, DynamicParameters Args) CountListed(string what, ListFilter filter, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, args) = ForList(filter, "ar");
        const string Current = "JOIN analyses a ON a.id = {0}.analysis_id AND a.is_current = 1 JOIN articles ar ON ar.id = a.article_id";
        string from;
        switch (what)
        {
            case "articles":
                from = "articles ar";
                break;
            case "events":
                from = "events e " + string.Format(CultureInfo.InvariantCulture, Current, "e");
                where += filter.Type is null ? "" : " AND e.type = @type";
                where += filter.Actor is null ? "" : $" AND ({dialect.Same("e.actor", "@actor")} OR {dialect.Same("e.target", "@actor")})";
                break;
            case "claims":
                from = "claims c " + string.Format(CultureInfo.InvariantCulture, Current, "c");
                where += filter.Source is null ? "" : " AND " + dialect.Same("c.source", "@source");
                break;
            case "quantities":
                from = "quantities q " + string.Format(CultureInfo.InvariantCulture, Current, "q");
                where += filter.Unit is null ? "" : " AND q.unit = @unit";
                break;
            default:
                throw new ArgumentException($"cannot count '{what}': use articles, events, claims or quantities", nameof(what));
        }

        return ($"SELECT COUNT(*) FROM {from} WHERE 1=1 {where}", args);
    }

    /// <summary>The filters of the CLI's list commands (published day range and one article) on the articles alias.</summary>
    public static (string Where, DynamicParameters Args) ForList(ListFilter filter, string alias)
    {
        var args = new DynamicParameters();
        args.Add("limit", filter.Limit);
        args.Add("offset", filter.Offset);
        args.Add("type", filter.Type);
        args.Add("actor", filter.Actor);
        args.Add("unit", filter.Unit);
        args.Add("source", filter.Source);
        var where = "";
        if (filter.Since is { } since)
        {
            where += $" AND {alias}.published >= @since";
            args.Add("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (filter.Until is { } until)
        {
            where += $" AND {alias}.published <= @until";
            args.Add("until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (filter.ArticleId is not null)
        {
            where += $" AND {alias}.id = @articleId";
            args.Add("articleId", filter.ArticleId);
        }

        return (where, args);
    }
}

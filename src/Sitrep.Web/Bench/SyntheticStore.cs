using System.Globalization;
using Microsoft.Data.Sqlite;
using Sitrep.Storage;

namespace Sitrep.Web.Bench;

/// <summary>
/// Fills a store with synthetic reports and events (deterministic for a seed) for load tests of the API and the
/// dashboard: ten events per report, a year of days, PLOVER types, point/adm1/country precisions over a few regions.
/// </summary>
public static class SyntheticStore
{
    public static readonly string[] Types =
        ["ASSAULT", "ASSAULT", "ASSAULT", "ASSAULT", "COERCE", "MOBILIZE", "MOBILIZE", "THREATEN", "SANCTION", "PROTEST", "AGREE", "COOPERATE", "CONSULT", "SUPPORT", "AID", "DEMAND", "DISAPPROVE", "REJECT", "ACCUSE", "INVESTIGATE"];

    private static readonly (string Country, double Lat, double Lon, double Spread)[] Regions =
        [("UA", 48.5, 33.0, 4.0), ("RU", 52.0, 38.0, 5.0), ("SY", 35.0, 38.0, 2.0), ("PS", 31.4, 34.4, 0.3), ("SD", 15.0, 30.0, 4.0), ("ML", 16.0, -2.0, 4.0), ("MM", 21.0, 96.0, 3.0), ("CD", -2.0, 28.0, 3.0)];

    private static readonly string[] Outlets = ["Wire A", "Wire B", "Daily C", "Post D", "Radio E", "Monitor F"];

    public static readonly DateOnly FirstDay = new(2024, 1, 1);

    /// <summary>Creates (or extends) the store at <paramref name="path"/> with <paramref name="events"/> events.</summary>
    public static void Generate(string path, int events, int seed = 7, Action<int>? progress = null)
    {
        using (SqliteStore.Open(path))
        {
            // migrations applied
        }

        var rng = new Random(seed);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            pragma.ExecuteNonQuery();
        }

        var articles = (events + 9) / 10;
        var tx = connection.BeginTransaction();
        var art = Command(connection, tx, "INSERT INTO articles(id,title,url,outlet,published,language,status,source,text,ingested_at) VALUES ($id,$title,$url,$outlet,$published,'en','analysed','synthetic',$text,$at)");
        var ana = Command(connection, tx, "INSERT INTO analyses(article_id,revision,pipeline_version,model_versions,is_current,created_at) VALUES ($id,1,'synthetic','{}',1,$at) RETURNING id");
        var ev = Command(connection, tx,
            """
            INSERT INTO events(analysis_id, local_id, type, mode, actor, target, location, lat, lon, precision, country, time_start, time_end,
              time_precision, time_text, quantity_ids, claim_ids, evidence_start, evidence_end, evidence_text)
            VALUES ($a,$lid,$type,$mode,$actor,$target,$loc,$lat,$lon,$prec,$country,$ts,$ts,'day',$tt,'[]','[]',0,$len,$et)
            """);
        var at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var made = 0;
        var stamp = rng.NextInt64().ToString("x", CultureInfo.InvariantCulture);
        for (var i = 0; i < articles && made < events; i++)
        {
            var day = FirstDay.AddDays(rng.Next(365));
            var id = $"syn{stamp}{i:x8}";
            var outlet = Outlets[rng.Next(Outlets.Length)];
            var text = $"Synthetic report {i} from {outlet} on {day:yyyy-MM-dd}: shelling, drones and troop movements near the front line.";
            Set(art, ("$id", id), ("$title", $"Synthetic report {i}"), ("$url", $"https://example.org/{id}"), ("$outlet", outlet), ("$published", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$text", text), ("$at", at));
            art.ExecuteNonQuery();
            Set(ana, ("$id", id), ("$at", at));
            var analysisId = (long)ana.ExecuteScalar()!;
            for (var k = 0; k < 10 && made < events; k++, made++)
            {
                var region = Regions[rng.Next(Regions.Length)];
                var roll = rng.NextDouble();
                var precision = roll < 0.8 ? "point" : roll < 0.92 ? "adm1" : "country";
                var lat = precision == "country" ? region.Lat : region.Lat + ((rng.NextDouble() * 2) - 1) * region.Spread;
                var lon = precision == "country" ? region.Lon : region.Lon + ((rng.NextDouble() * 2) - 1) * region.Spread;
                var type = Types[rng.Next(Types.Length)];
                var eventDay = day.AddDays(-rng.Next(3));
                Set(ev, ("$a", analysisId), ("$lid", "e" + k), ("$type", type), ("$mode", type == "ASSAULT" ? "shelling" : null), ("$actor", "Actor " + rng.Next(40)),
                    ("$target", "Actor " + rng.Next(40)), ("$loc", $"Place {region.Country}-{rng.Next(200)}"), ("$lat", Math.Round(lat, 4)), ("$lon", Math.Round(lon, 4)),
                    ("$prec", precision), ("$country", region.Country), ("$ts", eventDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$tt", "on that day"),
                    ("$len", text.Length), ("$et", text));
                ev.ExecuteNonQuery();
            }

            if (i % 5000 == 4999)
            {
                tx.Commit();
                tx.Dispose();
                tx = connection.BeginTransaction();
                foreach (var c in new[] { art, ana, ev })
                {
                    c.Transaction = tx;
                }

                progress?.Invoke(made);
            }
        }

        tx.Commit();
        tx.Dispose();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
        progress?.Invoke(made);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        var c = connection.CreateCommand();
        c.Transaction = tx;
        c.CommandText = sql;
        return c;
    }

    private static void Set(SqliteCommand c, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (c.Parameters.Contains(name))
            {
                c.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                c.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
    }
}

using System.CommandLine;
using Sitrep.Storage;
using Sitrep.Web.Api;
using Sitrep.Web.Exports;

namespace Sitrep.Cli.Commands;

/// <summary>The event filters shared by export and brief: the same names and checks as the HTTP API's.</summary>
public sealed class EventFilterOptions
{
    public Option<string?> From { get; } = new("--from") { Description = "First day (YYYY-MM-DD)." };

    public Option<string?> To { get; } = new("--to") { Description = "Last day (YYYY-MM-DD)." };

    public Option<string?> Type { get; } = new("--type") { Description = "Event types, comma-separated (PLOVER: ASSAULT,MOBILIZE,…)." };

    public Option<string?> Bbox { get; } = new("--bbox") { Description = "Bounding box west,south,east,north in degrees." };

    public Option<string?> Actor { get; } = new("--actor") { Description = "An actor or target." };

    public Option<string?> Source { get; } = new("--source") { Description = "An outlet or claimant." };

    public Option<string?> Query { get; } = new("--q") { Description = "Words the report must contain." };

    public void AddTo(Command cmd)
    {
        foreach (var o in new[] { From, To, Type, Bbox, Actor, Source, Query })
        {
            cmd.Options.Add(o);
        }
    }

    /// <summary>The query, or null after printing which option is wrong.</summary>
    public FactQuery? Parse(ParseResult parse)
    {
        try
        {
            return FilterParser.Parse(new ApiFilters
            {
                From = parse.GetValue(From),
                To = parse.GetValue(To),
                Type = parse.GetValue(Type),
                Bbox = parse.GetValue(Bbox),
                Actor = parse.GetValue(Actor),
                Source = parse.GetValue(Source),
                Q = parse.GetValue(Query),
            });
        }
        catch (BadQueryException e)
        {
            Console.Error.WriteLine($"sitrep: option --{e.Parameter}: {e.Message}");
            return null;
        }
    }
}

/// <summary>`sitrep export --format geojson|csv|jsonl|plover [filters] --out FILE`.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var format = new Option<string>("--format") { Description = "geojson (QGIS), csv (ACLED column names), jsonl, or plover.", Required = true };
        format.AcceptOnlyFromAmong("geojson", "csv", "jsonl", "plover");
        var output = new Option<string>("--out") { Description = "The file to write (- for standard output).", Required = true };
        var preciseOnly = new Option<bool>("--precise-only") { Description = "GeoJSON: leave out events known only to a province or a country (by default they are placed at the area's centroid with a precision property)." };
        var filters = new EventFilterOptions();
        var cmd = new Command("export", "Export events with their sources as GeoJSON, ACLED-style CSV (ACLED's columns and codes), JSON Lines or PLOVER JSON.") { db, format, output, preciseOnly };
        filters.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            if (filters.Parse(parse) is not { } query || ServeCommand.OpenStore(parse.GetValue(db)!) is not { } store)
            {
                return 2;
            }

            using (store)
            {
                var path = parse.GetValue(output)!;
                var fmt = Exporter.ParseFormat(parse.GetValue(format)!);
                var options = new ExportOptions { PreciseOnly = parse.GetValue(preciseOnly) };
                try
                {
                    int n;
                    if (path == "-")
                    {
                        using var stdout = Console.OpenStandardOutput();
                        n = Exporter.Write(store, query with { Limit = int.MaxValue }, fmt, stdout, options);
                    }
                    else
                    {
                        var tmp = path + ".partial";
                        using (var file = File.Create(tmp))
                        {
                            n = Exporter.Write(store, query with { Limit = int.MaxValue }, fmt, file, options);
                        }

                        File.Move(tmp, path, overwrite: true);
                    }

                    Console.Error.WriteLine($"export: {n} events as {parse.GetValue(format)} to '{path}'");
                    return 0;
                }
                catch (IOException e)
                {
                    Console.Error.WriteLine($"sitrep: cannot write '{path}': {e.Message}");
                    return 2;
                }
            }
        });
        return cmd;
    }
}

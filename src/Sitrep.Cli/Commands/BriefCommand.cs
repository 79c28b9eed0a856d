using System.CommandLine;
using Sitrep.Web.Brief;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep brief --date D [--days 1|7] [--region R] --out brief.html|brief.md`.</summary>
public static class BriefCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var date = CommonOptions.Date("--date", "The last day the brief covers");
        date.Required = true;
        var days = new Option<int>("--days") { Description = "1 for a daily brief, 7 for a weekly one.", DefaultValueFactory = _ => 1 };
        days.AcceptOnlyFromAmong("1", "7");
        var region = new Option<string?>("--region") { Description = "A country (code or name), province or place." };
        var output = new Option<string>("--out") { Description = "brief.html or brief.md (Markdown writes its images beside it as SVG files).", Required = true };
        var dashboard = new Option<string?>("--base-url", "--dashboard-url")
        {
            Description = "Where the dashboard runs (e.g. https://sitrep.example.org/), for links from each line to its evidence there; without it the brief stands alone and shows each line's evidence itself.",
        };
        var cmd = new Command("brief", "Write the daily (or weekly) brief: events per region, largest estimates and their changes, new contradictions, map and charts.")
        {
            db, date, days, region, output, dashboard,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            var ext = Path.GetExtension(path).ToUpperInvariant();
            if (ext is not (".HTML" or ".HTM" or ".MD"))
            {
                Console.Error.WriteLine($"sitrep: --out '{path}' must end in .html or .md");
                return 2;
            }

            if (ServeCommand.OpenStore(parse.GetValue(db)!) is not { } store)
            {
                return 2;
            }

            using (store)
            {
                var model = BriefRenderer.Build(store, new BriefOptions
                {
                    Date = parse.GetValue(date)!.Value,
                    Days = parse.GetValue(days),
                    Region = parse.GetValue(region),
                    BaseUrl = parse.GetValue(dashboard),
                });
                try
                {
                    if (ext == ".MD")
                    {
                        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
                        foreach (var (name, content) in BriefRenderer.Markdown(model, Path.GetFileName(path)))
                        {
                            File.WriteAllText(Path.Combine(dir, name), content);
                        }
                    }
                    else
                    {
                        File.WriteAllText(path, BriefRenderer.Html(model));
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"sitrep: cannot write '{path}': {e.Message}");
                    return 2;
                }

                Console.Error.WriteLine($"brief: {model.AllEvents.Count} events, {model.Estimates.Count} estimates, {model.Contradictions.Count} contradictions -> '{path}'");
                return 0;
            }
        });
        return cmd;
    }
}

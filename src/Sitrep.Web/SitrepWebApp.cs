using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sitrep.Storage;
using Sitrep.Web.Alerts;
using Sitrep.Web.Api;
using Sitrep.Web.Assets;

namespace Sitrep.Web;

/// <summary>How to serve: the store, the addresses, the alert log.</summary>
public sealed record WebOptions
{
    /// <summary>Addresses to listen on; loopback unless told otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The alert log whose entries the dashboard shows as a badge; null for none.</summary>
    public string? AlertLogPath { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Where log lines go besides the console (tests read them); null for the console only.</summary>
    public ILoggerProvider? ExtraLogger { get; init; }

    /// <summary>
    /// How long an API answer may be reused for the same path and query, even when the store has changed since
    /// (0: never; each request then reads the store). A second of staleness lets many analysts share the answer to a
    /// common view while workers keep writing.
    /// </summary>
    public double CacheSeconds { get; init; }
}

/// <summary>The HTTP API and the dashboard in one ASP.NET Core app over one store.</summary>
public static class SitrepWebApp
{
    public static WebApplication Build(ISitrepStore store, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        if (options.ExtraLogger is { } extra)
        {
            builder.Logging.AddProvider(extra);
        }

        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(options);
        builder.Services.AddProblemDetails();
        if (options.CacheSeconds > 0)
        {
            builder.Services.AddOutputCache(o => o.AddPolicy("api", p => p.Expire(TimeSpan.FromSeconds(options.CacheSeconds)).SetVaryByQuery("*")));
        }

        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Sitrep API";
            doc.Info.Description = "Events, claims, estimates, actors, places, articles (with evidence offsets) and contradictions from a Sitrep store.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never);

        var app = builder.Build();
        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, title, detail) = error switch
            {
                BadQueryException bad => (StatusCodes.Status400BadRequest, $"Bad parameter '{bad.Parameter}'", bad.Message),
                _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server could not answer this request; the log has the details."),
            };
            if (status == StatusCodes.Status500InternalServerError && error is not null)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Sitrep.Web").LogError(error, "request failed: {Path}", context.Request.Path);
            }

            context.Response.StatusCode = status;
            await Results.Problem(detail: detail, statusCode: status, title: title, instance: context.Request.Path).ExecuteAsync(context).ConfigureAwait(false);
        }));
        app.UseStatusCodePages(async ctx =>
        {
            var r = ctx.HttpContext.Response;
            if (!r.HasStarted && r.ContentLength is null && string.IsNullOrEmpty(r.ContentType))
            {
                await Results.Problem(statusCode: r.StatusCode, detail: $"No resource at '{ctx.HttpContext.Request.Path}'.", instance: ctx.HttpContext.Request.Path)
                    .ExecuteAsync(ctx.HttpContext).ConfigureAwait(false);
            }
        });
        app.Use(ClientErrors);
        app.Use(HeadAsGet);
        app.UseRouting(); // after HeadAsGet, so that a HEAD request finds the GET endpoint
        app.Use(SecurityHeaders);
        if (options.CacheSeconds > 0)
        {
            app.UseOutputCache(); // before the ETag step: a reused answer keeps the ETag it was made with
        }

        app.Use(ConditionalApiCaching);
        app.MapOpenApi("/openapi/{documentName}.json");
        ApiEndpoints.Map(app);
        MapAssets(app);
        return app;
    }

    /// <summary>Article text is untrusted: the CSP forbids inline and foreign scripts, so even a rendering mistake stays inert.</summary>
    /// <summary>
    /// A bad parameter is the client's error: answered 400 with a problem document naming it, and logged as one
    /// line without a stack trace (the exception handler logs server errors only).
    /// </summary>
    private static async Task ClientErrors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadQueryException bad) when (!context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Sitrep.Web")
                .LogWarning("400 {Method} {Path}{Query}: {Message}", context.Request.Method, context.Request.Path, context.Request.QueryString, bad.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await Results.Problem(detail: bad.Message, statusCode: StatusCodes.Status400BadRequest, title: $"Bad parameter '{bad.Parameter}'", instance: context.Request.Path)
                .ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>HEAD wherever GET: the GET endpoint answers with its headers and status, the body is dropped.</summary>
    private static async Task HeadAsGet(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Request.Method = HttpMethods.Get;
        var body = context.Response.Body;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    }

    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var h = context.Response.Headers;
        h["X-Content-Type-Options"] = "nosniff";
        h["Referrer-Policy"] = "no-referrer";
        h["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
        return next(context);
    }

    /// <summary>
    /// API answers depend only on the store's content and the request, so the ETag is the store's change stamp with the
    /// request's path and query: a client revalidates cheaply and gets 304 until something new is stored.
    /// </summary>
    private static async Task ConditionalApiCaching(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (!HttpMethods.IsGet(context.Request.Method) || !path.StartsWithSegments("/api", StringComparison.Ordinal) || path.StartsWithSegments("/api/alerts", StringComparison.Ordinal))
        {
            if (path.StartsWithSegments("/api/alerts", StringComparison.Ordinal))
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            await next(context).ConfigureAwait(false);
            return;
        }

        var store = context.RequestServices.GetRequiredService<ISitrepStore>();
        var key = store.ChangeStamp() + "|" + path + context.Request.QueryString;
        var etag = "W/\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12)) + "\"";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "no-cache";
            return;
        }

        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status200OK)
            {
                context.Response.Headers.ETag = etag;
                context.Response.Headers.CacheControl = "no-cache";
            }
            else
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next(context).ConfigureAwait(false);
    }

    private static void MapAssets(WebApplication app)
    {
        static IResult Serve(HttpContext context, string name)
        {
            if (EmbeddedAssets.Find(name) is not { } asset)
            {
                return Results.Problem(statusCode: 404, title: "Not found", detail: $"No dashboard file '{name}'.");
            }

            context.Response.Headers.ETag = asset.ETag;
            context.Response.Headers.CacheControl = name == "index.html" ? "no-cache" : "public, max-age=3600";
            if (context.Request.Headers.IfNoneMatch == asset.ETag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(asset.Bytes, asset.ContentType);
        }

        app.MapGet("/", (HttpContext c) => Serve(c, "index.html")).ExcludeFromDescription();
        // The brief as a page of the dashboard: its evidence links are relative, so they open this dashboard's events.
        app.MapGet("/brief", (ISitrepStore store, string? date, string? days, string? region) =>
        {
            var day = FilterParser.Day(date, "date") ?? throw new BadQueryException("date", "'date' is required, e.g. date=2024-11-11");
            var n = FilterParser.Int(days, "days", 1, 1, 7);
            if (n is not (1 or 7))
            {
                throw new BadQueryException("days", $"'days' must be 1 or 7, got '{days}'");
            }

            var model = Brief.BriefRenderer.Build(store, new Brief.BriefOptions { Date = day, Days = n, Region = string.IsNullOrWhiteSpace(region) ? null : region, BaseUrl = "./" });
            return Results.Content(Brief.BriefRenderer.Html(model), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapGet("/assets/{**name}", (HttpContext c, string name) => Serve(c, name)).ExcludeFromDescription();
    }

    /// <summary>Starts the app and returns the address it listens on (useful with port 0).</summary>
    public static async Task<string> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app.Urls.First().TrimEnd('/');
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

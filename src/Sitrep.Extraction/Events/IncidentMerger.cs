using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>Merges the reports of one act in a document into one event: same type, actor and mode, compatible target and location.</summary>
internal static class IncidentMerger
{
    internal static string LocationKey(string? loc)
    {
        if (loc is null)
        {
            return "";
        }

        var l = loc.ToLowerInvariant();
        foreach (var suffix in new[] { " region", " oblast", " province", " city" })
        {
            if (l.EndsWith(suffix, StringComparison.Ordinal))
            {
                l = l[..^suffix.Length];
            }
        }

        return l;
    }

    internal static void AddOrMerge(Document doc, Event ev)
    {
        foreach (var x in doc.Events)
        {
            if (x.Type == ev.Type && ev.Actor is not null && x.Actor == ev.Actor && x.Mode == ev.Mode
                && (x.Target is null || ev.Target is null || x.Target == ev.Target)
                && (x.Location is null || ev.Location is null || LocationKey(x.Location) == LocationKey(ev.Location)))
            {
                x.Target ??= ev.Target;
                if (x.Location is null && ev.Location is not null)
                {
                    x.Location = ev.Location;
                    x.PlaceId = ev.PlaceId;
                }

                x.TimeId ??= ev.TimeId;
                x.Mentions.AddRange(ev.Mentions);
                foreach (var q in ev.QuantityIds.Where(q => !x.QuantityIds.Contains(q)))
                {
                    x.QuantityIds.Add(q);
                }

                foreach (var pn in ev.Participants.Where(pn => !x.Participants.Contains(pn)))
                {
                    x.Participants.Add(pn);
                }

                return;
            }
        }

        var e = new Event
        {
            Id = $"e{doc.Events.Count + 1}",
            Type = ev.Type,
            Mode = ev.Mode,
            Actor = ev.Actor,
            Target = ev.Target,
            Location = ev.Location,
            PlaceId = ev.PlaceId,
            TimeId = ev.TimeId,
            Trigger = ev.Trigger,
            Evidence = ev.Evidence,
            AcledType = ev.AcledType,
            AcledSubType = ev.AcledSubType,
        };
        e.Mentions.AddRange(ev.Mentions);
        e.QuantityIds.AddRange(ev.QuantityIds);
        e.Participants.AddRange(ev.Participants);
        doc.Events.Add(e);
    }
}

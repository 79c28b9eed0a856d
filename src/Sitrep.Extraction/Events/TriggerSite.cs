using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>One matched trigger in its sentence: what the role rules, the locator and the builder read.</summary>
internal sealed class TriggerSite
{
    public required Document Doc { get; init; }

    public required string[] Lower { get; init; }

    public required List<string> Forms { get; init; }

    public required TriggerPattern Pattern { get; init; }

    /// <summary>The trigger's tokens [T0, T1) in the sentence's tokens [First, End).</summary>
    public required int T0 { get; init; }

    public required int T1 { get; init; }

    public required int First { get; init; }

    public required int End { get; init; }

    /// <summary>The actor mentions of the sentence.</summary>
    public required List<RoleCandidates.TokMention> Mentions { get; init; }

    /// <summary>The actor that filled the pattern's {A} slot.</summary>
    public RoleCandidates.TokMention? Slot { get; init; }

    public required List<EventLocator.PlaceCandidate> Places { get; init; }

    public required List<Quantity> Quantities { get; init; }

    public required List<TimeExpression> Times { get; init; }

    public EventLocator.PlaceCandidate? ParagraphPlace { get; init; }

    public DependencyRoles? Dep { get; init; }

    /// <summary>The type after modality (AGREE for an intended cooperative act …).</summary>
    public required string Type { get; init; }

    /// <summary>The first token after the trigger's clause.</summary>
    public required int ClauseEnd { get; init; }

    public required bool Passive { get; init; }

    /// <summary>The document's resolved place mentions by first token (no demonyms), when it has a Places layer.</summary>
    public Dictionary<int, (Place Place, int End)>? PlaceAt { get; init; }

    /// <summary>Per token, the kind of the actor whose mention covers it (features of the role model).</summary>
    public string?[]? ActorKinds { get; init; }

    /// <summary>The owner of the troops a needs=personnel trigger moves.</summary>
    public RoleCandidates.TokMention? ObjectOwner { get; init; }
}

/// <summary>The roles the rules chose: the agent (an actor, else a phrase), the target, the persons acting for the agent's state.</summary>
internal sealed record EventRoles(Actor? Agent, string? AgentName, string? TargetName, List<string> Participants)
{
    /// <summary>Whether the agent is the side of the speaker who tells the act in the first person ("we", "our forces").</summary>
    public bool FirstPerson { get; init; }
}

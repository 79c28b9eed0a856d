namespace Sitrep.Extraction;

/// <summary>How a state is written: its name, a demonym, its capital or another seat of government.</summary>
public enum StateForm
{
    Name,
    Demonym,
    Capital,
    Metonym,
}

/// <summary>Phrase lookups for states, compiled once from the lexicon.</summary>
public sealed class StateNames
{
    private static readonly Lazy<StateNames> DefaultLazy = new(() => new StateNames(ExtractionLexicon.Default));

    public StateNames(ExtractionLexicon lex)
    {
        foreach (var c in lex.Countries)
        {
            Index.Add(c.Name, (c, StateForm.Name));
            foreach (var a in c.Aliases)
            {
                Index.Add(a, (c, StateForm.Name));
            }

            foreach (var d in c.Demonyms)
            {
                Index.Add(d, (c, StateForm.Demonym));
                if (d.EndsWith('n') || d.EndsWith('i'))
                {
                    Index.Add(d + "s", (c, StateForm.Demonym)); // "Albanians", "Israelis"
                }
            }

            if (c.Capital is not null)
            {
                Index.Add(c.Capital, (c, StateForm.Capital));
            }

            foreach (var m in c.Metonyms)
            {
                Index.Add(m, (c, StateForm.Metonym));
            }
        }
    }

    public static StateNames Default => DefaultLazy.Value;

    public PhraseIndex<(CountryEntry Country, StateForm Form)> Index { get; } = new(ignoreCase: false);
}

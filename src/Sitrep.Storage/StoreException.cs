namespace Sitrep.Storage;

/// <summary>A store cannot be opened or cannot take a document; the message says which and why.</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StoreException()
    {
    }
}

namespace RootSeg.Torch;

/// <summary>
/// Disposes the temporaries of a computation: every tensor created on this thread while the scope is the innermost
/// one is disposed when the scope ends, except those passed to <see cref="Keep"/>, which move to the enclosing
/// scope (or, when there is none, to the caller). Use one per forward pass: disposing intermediates at once rather
/// than leaving them to the garbage collector keeps peak memory at what the computation needs.
/// </summary>
/// <example><code>
/// using var scope = TensorScope.Enter();
/// var hidden = Functional.Relu(Functional.Conv2d(x, w));
/// return scope.Keep(hidden.Sum());
/// </code></example>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? t_current;

    private readonly TensorScope? _outer;
    private readonly List<Tensor> _owned = [];
    private readonly int _threadId;
    private bool _disposed;

    private TensorScope(TensorScope? outer)
    {
        _outer = outer;
        _threadId = Environment.CurrentManagedThreadId;
    }

    /// <summary>Opens a scope nested in the current one on this thread.</summary>
    public static TensorScope Enter()
    {
        var scope = new TensorScope(t_current);
        t_current = scope;
        return scope;
    }

    /// <summary>Tensors this scope will dispose.</summary>
    public int Count => _owned.Count;

    internal static void Register(Tensor tensor)
    {
        if (t_current is { } scope)
        {
            scope._owned.Add(tensor);
            tensor.Scope = scope;
        }
    }

    /// <summary>Takes <paramref name="tensor"/> out of this scope into the enclosing one (or gives it to the caller).</summary>
    /// <returns><paramref name="tensor"/>, for use in a return statement.</returns>
    /// <exception cref="ArgumentException">The tensor does not belong to this scope.</exception>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!ReferenceEquals(tensor.Scope, this))
        {
            throw new ArgumentException("the tensor does not belong to this scope", nameof(tensor));
        }
        Forget(tensor);
        if (_outer is not null)
        {
            _outer._owned.Add(tensor);
            tensor.Scope = _outer;
        }
        return tensor;
    }

    /// <summary>
    /// Takes a tensor out of whatever scope holds it; its owner is then whoever holds it (a module, for instance, or
    /// an object that keeps a lookup table across calls made inside scopes) and must dispose it.
    /// </summary>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Detach(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.Scope?.Forget(tensor);
        return tensor;
    }

    private void Forget(Tensor tensor)
    {
        var index = _owned.LastIndexOf(tensor);
        if (index >= 0)
        {
            _owned.RemoveAt(index);
        }
        tensor.Scope = null;
    }

    /// <summary>Disposes the tensors the scope still holds and makes the enclosing scope current again.</summary>
    /// <exception cref="InvalidOperationException">Scopes were ended out of order or on another thread.</exception>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        if (Environment.CurrentManagedThreadId != _threadId || !ReferenceEquals(t_current, this))
        {
            throw new InvalidOperationException("tensor scopes must end in reverse order on the thread that entered them");
        }
        _disposed = true;
        t_current = _outer;
        foreach (var tensor in _owned)
        {
            tensor.Scope = null;
            tensor.Dispose();
        }
        _owned.Clear();
    }
}

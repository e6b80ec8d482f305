using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>
/// A minimal, safe interpreter of Python's pickle format (protocols 2 to 5) for reading PyTorch checkpoints. It
/// builds plain values and never executes code: a GLOBAL must pass
/// <see cref="TorchGlobals.Resolve"/>, and calling one runs only the fixed behaviour <see cref="TorchGlobals.Call"/>
/// gives it.
/// </summary>
/// <remarks>
/// Python values map to .NET ones so that nothing needs a Python type system: None is null, bool is bool, int is
/// long (or BigInteger when wider), float is double, str is string, bytes is byte[], tuple is object?[], list is
/// List&lt;object?&gt;, dict and OrderedDict are <see cref="PyDict"/>, set is <see cref="PySet"/>, an allowed class or
/// function is a <see cref="PyGlobal"/>, and torch storages and tensors are <see cref="TorchStorage"/> and
/// <see cref="PickledTensor"/>.
/// Problems (an unknown opcode, a truncated stream, a disallowed global, a malformed stack) throw
/// <see cref="InvalidDataException"/> with the byte offset. One instance reads one pickle starting at a given
/// offset; <see cref="Position"/> then points just after its STOP, where the legacy torch format puts the next pickle.
/// </remarks>
internal sealed class PickleMachine
{
    private readonly byte[] _data;
    private readonly Func<object?, object?> _persistentLoad;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _opcodeAt;

    /// <summary>Prepares to read the pickle that starts at <paramref name="start"/> in <paramref name="data"/>.</summary>
    /// <param name="data">The bytes; not modified.</param>
    /// <param name="start">Offset of the pickle's first opcode.</param>
    /// <param name="persistentLoad">Resolves a BINPERSID id (for torch, a storage tuple) to a value.</param>
    public PickleMachine(byte[] data, int start, Func<object?, object?> persistentLoad)
    {
        _data = data;
        Position = start;
        _persistentLoad = persistentLoad;
    }

    /// <summary>Offset of the next byte to read; after <see cref="Run"/>, just past the STOP opcode.</summary>
    public int Position { get; private set; }

    /// <summary>Interprets opcodes up to STOP and returns the value left on the stack.</summary>
    public object? Run()
    {
        while (true)
        {
            _opcodeAt = Position;
            var opcode = ReadByte();
            if (opcode == PickleOpcodes.Stop)
            {
                if (_stack.Count != 1 || _marks.Count != 0)
                {
                    throw Fail($"STOP with {_stack.Count} values and {_marks.Count} marks on the stack, not exactly one value");
                }
                return _stack[0];
            }
            Execute(opcode);
        }
    }

    private void Execute(byte opcode)
    {
        switch (opcode)
        {
            case PickleOpcodes.Proto:
                var protocol = ReadByte();
                if (protocol > 5)
                {
                    throw Fail($"pickle protocol {protocol} is newer than 5");
                }
                break;
            case PickleOpcodes.Frame: // a length hint for buffered readers; the whole pickle is in memory already
                Take(8);
                break;
            case PickleOpcodes.Mark: _marks.Push(_stack.Count); break;
            case PickleOpcodes.Pop: Pop(); break;
            case PickleOpcodes.PopMark: PopToMark(); break;
            case PickleOpcodes.Dup: Push(Peek()); break;
            case PickleOpcodes.None: Push(null); break;
            case PickleOpcodes.NewTrue: Push(true); break;
            case PickleOpcodes.NewFalse: Push(false); break;
            case PickleOpcodes.BinInt: Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
            case PickleOpcodes.BinInt1: Push((long)ReadByte()); break;
            case PickleOpcodes.BinInt2: Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
            case PickleOpcodes.Long1: PushLong(Take(ReadByte())); break;
            case PickleOpcodes.Long4: PushLong(Take(ReadLength(4))); break;
            case PickleOpcodes.BinFloat: Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
            case PickleOpcodes.BinUnicode: Push(ReadUtf8(ReadLength(4))); break;
            case PickleOpcodes.ShortBinUnicode: Push(ReadUtf8(ReadByte())); break;
            case PickleOpcodes.BinUnicode8: Push(ReadUtf8(ReadLength(8))); break;
            // Python 2 str: torch.load decodes it as UTF-8 text.
            case PickleOpcodes.BinString: Push(ReadUtf8(ReadLength(4))); break;
            case PickleOpcodes.ShortBinString: Push(ReadUtf8(ReadByte())); break;
            case PickleOpcodes.BinBytes: Push(Take(ReadLength(4)).ToArray()); break;
            case PickleOpcodes.ShortBinBytes: Push(Take(ReadByte()).ToArray()); break;
            case PickleOpcodes.BinBytes8: Push(Take(ReadLength(8)).ToArray()); break;
            case PickleOpcodes.EmptyTuple: Push(Array.Empty<object?>()); break;
            case PickleOpcodes.Tuple: Push(PopToMark().ToArray()); break;
            case PickleOpcodes.Tuple1: Push(new[] { Pop() }); break;
            case PickleOpcodes.Tuple2: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
            case PickleOpcodes.Tuple3: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }
            case PickleOpcodes.EmptyList: Push(new List<object?>()); break;
            case PickleOpcodes.List: Push(PopToMark()); break;
            case PickleOpcodes.Append: { var item = Pop(); PeekAs<List<object?>>("APPEND").Add(item); break; }
            case PickleOpcodes.Appends: { var items = PopToMark(); PeekAs<List<object?>>("APPENDS").AddRange(items); break; }
            case PickleOpcodes.EmptyDict: Push(new PyDict()); break;
            case PickleOpcodes.Dict: { var dict = new PyDict(); SetItems(dict, PopToMark()); Push(dict); break; }
            case PickleOpcodes.SetItem: { var value = Pop(); var key = Pop(); PeekAs<PyDict>("SETITEM").Set(key, value); break; }
            case PickleOpcodes.SetItems: { var items = PopToMark(); SetItems(PeekAs<PyDict>("SETITEMS"), items); break; }
            case PickleOpcodes.EmptySet: Push(new PySet()); break;
            case PickleOpcodes.AddItems: { var items = PopToMark(); PeekAs<PySet>("ADDITEMS").Items.AddRange(items); break; }
            case PickleOpcodes.FrozenSet: { var set = new PySet(); set.Items.AddRange(PopToMark()); Push(set); break; }
            case PickleOpcodes.BinPut: _memo[ReadByte()] = Peek(); break;
            case PickleOpcodes.LongBinPut: _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(); break;
            case PickleOpcodes.Memoize: _memo[_memo.Count] = Peek(); break;
            case PickleOpcodes.BinGet: Push(Recall(ReadByte())); break;
            case PickleOpcodes.LongBinGet: Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break;
            case PickleOpcodes.Global: Push(Resolve(ReadLine(), ReadLine())); break;
            case PickleOpcodes.StackGlobal:
            {
                var name = Pop() as string ?? throw Fail("STACK_GLOBAL name is not a string");
                var module = Pop() as string ?? throw Fail("STACK_GLOBAL module is not a string");
                Push(Resolve(module, name));
                break;
            }
            case PickleOpcodes.Reduce:
            {
                var args = PopAs<object?[]>("REDUCE arguments");
                Push(Call(PopAs<PyGlobal>("REDUCE callable"), args));
                break;
            }
            case PickleOpcodes.NewObj:
            {
                var args = PopAs<object?[]>("NEWOBJ arguments");
                Push(Call(PopAs<PyGlobal>("NEWOBJ class"), args));
                break;
            }
            case PickleOpcodes.Build:
                // The only BUILD state in a state dict is an OrderedDict's attributes (its _metadata of module
                // versions) or a tensor's Python attributes; neither changes the weights, so the state is dropped.
                Pop();
                if (!TorchGlobals.AcceptsState(Peek()))
                {
                    throw Fail($"BUILD on a {Describe(Peek())}, which takes no state");
                }
                break;
            case PickleOpcodes.BinPersId: Push(_persistentLoad(Pop())); break;
            default:
                throw Fail($"opcode 0x{opcode:x2} is not supported");
        }
    }

    private object? Call(PyGlobal callable, object?[] args)
    {
        try
        {
            return TorchGlobals.Call(callable, args);
        }
        catch (InvalidDataException e)
        {
            throw Fail(e.Message);
        }
    }

    private PyGlobal Resolve(string module, string name)
    {
        try
        {
            return TorchGlobals.Resolve(module, name);
        }
        catch (InvalidDataException e)
        {
            throw Fail(e.Message);
        }
    }

    private void SetItems(PyDict dict, List<object?> items)
    {
        if (items.Count % 2 != 0)
        {
            throw Fail($"{items.Count} values for dict items, not key/value pairs");
        }
        for (var i = 0; i < items.Count; i += 2)
        {
            dict.Set(items[i], items[i + 1]);
        }
    }

    private void PushLong(ReadOnlySpan<byte> bytes)
    {
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        Push(value >= long.MinValue && value <= long.MaxValue ? (long)value : value);
    }

    private object? Recall(long key) =>
        _memo.TryGetValue(key, out var value) ? value : throw Fail($"memo key {key} was never stored");

    private void Push(object? value) => _stack.Add(value);

    private object? Peek() => _stack.Count > (_marks.Count > 0 ? _marks.Peek() : 0)
        ? _stack[^1]
        : throw Fail("stack is empty");

    private object? Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private T PopAs<T>(string role) => Pop() is T value ? value : throw Fail($"{role} has the wrong type");

    private T PeekAs<T>(string opcode) => Peek() is T value ? value : throw Fail($"{opcode} on a {Describe(Peek())}");

    private List<object?> PopToMark()
    {
        if (_marks.Count == 0)
        {
            throw Fail("no MARK to pop to");
        }
        var mark = _marks.Pop();
        var items = _stack.GetRange(mark, _stack.Count - mark);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private byte ReadByte() => Take(1)[0];

    private int ReadLength(int bytes)
    {
        var span = Take(bytes);
        var length = bytes == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt64LittleEndian(span);
        return length <= (ulong)(_data.Length - Position)
            ? (int)length
            : throw Fail($"length {length} runs past the end of the data");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - Position)
        {
            throw Fail("data ends inside the pickle");
        }
        var span = _data.AsSpan(Position, count);
        Position += count;
        return span;
    }

    private string ReadUtf8(int length)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw Fail("string is not valid UTF-8");
        }
    }

    private string ReadLine()
    {
        var end = Array.IndexOf(_data, (byte)'\n', Position);
        if (end < 0)
        {
            throw Fail("GLOBAL name has no end of line");
        }
        var line = Encoding.ASCII.GetString(_data, Position, end - Position);
        Position = end + 1;
        return line;
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        PyGlobal global => global.ToString(),
        _ => value.GetType().Name,
    };

    private InvalidDataException Fail(string problem) => new($"pickle at byte {_opcodeAt}: {problem}");
}

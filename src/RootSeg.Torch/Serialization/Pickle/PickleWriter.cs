using System.Buffers.Binary;
using System.Text;

namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>
/// Emits protocol-2 pickle opcodes, the protocol <c>torch.save</c> uses by default; only what a state dict needs
/// (strings, integers, tuples, globals, calls, persistent ids).
/// </summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _bytes = new();

    /// <summary>Starts a protocol-2 pickle.</summary>
    public PickleWriter() => Op(PickleOpcodes.Proto).Op(2);

    /// <summary>The pickle written so far.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Writes one opcode byte.</summary>
    public PickleWriter Op(byte opcode)
    {
        _bytes.WriteByte(opcode);
        return this;
    }

    /// <summary>Pushes a MARK.</summary>
    public PickleWriter Mark() => Op(PickleOpcodes.Mark);

    /// <summary>Pushes the global <c>module.name</c>.</summary>
    public PickleWriter Global(string module, string name)
    {
        Op(PickleOpcodes.Global);
        _bytes.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        return this;
    }

    /// <summary>Pushes a str.</summary>
    public PickleWriter String(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Op(PickleOpcodes.BinUnicode);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
        _bytes.Write(length);
        _bytes.Write(utf8);
        return this;
    }

    /// <summary>Pushes an int, as BININT when it fits 32 bits and as an 8-byte LONG1 otherwise.</summary>
    public PickleWriter Integer(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Op(PickleOpcodes.BinInt);
            BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
            _bytes.Write(bytes[..4]);
        }
        else
        {
            Op(PickleOpcodes.Long1).Op(8);
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            _bytes.Write(bytes);
        }
        return this;
    }

    /// <summary>Pushes a tuple of ints.</summary>
    public PickleWriter IntegerTuple(IEnumerable<long> values)
    {
        Mark();
        foreach (var value in values)
        {
            Integer(value);
        }
        return Op(PickleOpcodes.Tuple);
    }

    /// <summary>Pushes an empty <c>collections.OrderedDict()</c>.</summary>
    public PickleWriter NewOrderedDict() => Global("collections", "OrderedDict").Op(PickleOpcodes.EmptyTuple).Op(PickleOpcodes.Reduce);
}

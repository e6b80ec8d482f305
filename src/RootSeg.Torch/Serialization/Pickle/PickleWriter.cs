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
    public PickleWriter() => Op(0x80).Op(2);

    /// <summary>The pickle written so far.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Writes one opcode byte.</summary>
    public PickleWriter Op(byte opcode)
    {
        _bytes.WriteByte(opcode);
        return this;
    }

    /// <summary>Pushes a MARK.</summary>
    public PickleWriter Mark() => Op((byte)'(');

    /// <summary>Pushes the global <c>module.name</c>.</summary>
    public PickleWriter Global(string module, string name)
    {
        Op((byte)'c');
        _bytes.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        return this;
    }

    /// <summary>Pushes a str.</summary>
    public PickleWriter String(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Op((byte)'X');
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
            Op((byte)'J');
            BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
            _bytes.Write(bytes[..4]);
        }
        else
        {
            Op(0x8a).Op(8);
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
        return Op((byte)'t');
    }

    /// <summary>Pushes an empty <c>collections.OrderedDict()</c>.</summary>
    public PickleWriter NewOrderedDict() => Global("collections", "OrderedDict").Op((byte)')').Op((byte)'R');
}

using Onnx;

namespace RootSeg.Torch.Serialization.Onnx;

/// <summary>
/// ONNX <c>TensorProto</c> initializers into engine tensors: float32, float64, int32 and int64, stored either as
/// little-endian <c>raw_data</c> or in the typed repeated fields, as the ONNX IR specification allows.
/// </summary>
internal static class OnnxTensors
{
    public static Tensor ToTensor(TensorProto proto, string path)
    {
        var name = proto.Name;
        if (proto.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new WeightFileException(path, $"initializer '{name}' keeps its data in an external file, which RootSeg does not read");
        }
        var shape = proto.Dims.ToArray();
        if (shape.Any(d => d < 0))
        {
            throw new WeightFileException(path, $"initializer '{name}' has a negative dimension [{string.Join(", ", shape)}]");
        }
        var type = (TensorProto.Types.DataType)proto.DataType;
        var scalarType = type switch
        {
            TensorProto.Types.DataType.Float => ScalarType.Float32,
            TensorProto.Types.DataType.Double => ScalarType.Float64,
            TensorProto.Types.DataType.Int32 => ScalarType.Int32,
            TensorProto.Types.DataType.Int64 => ScalarType.Int64,
            _ => throw new WeightFileException(path,
                $"initializer '{name}' holds {type} values; RootSeg reads float, double, int32 and int64 initializers"),
        };
        var count = shape.Aggregate(1L, (a, b) => checked(a * b));
        if (!proto.RawData.IsEmpty)
        {
            var expected = checked(count * scalarType.ElementSize());
            if (proto.RawData.Length != expected)
            {
                throw new WeightFileException(path,
                    $"initializer '{name}' has {proto.RawData.Length} bytes of data, its shape [{string.Join(", ", shape)}] needs {expected}");
            }
            return Tensor.FromBytes(proto.RawData.Span, scalarType, shape);
        }
        return scalarType switch
        {
            ScalarType.Float32 => Typed<float>([.. proto.FloatData], shape, name, path),
            ScalarType.Float64 => Typed<double>([.. proto.DoubleData], shape, name, path),
            ScalarType.Int32 => Typed<int>([.. proto.Int32Data], shape, name, path),
            _ => Typed<long>([.. proto.Int64Data], shape, name, path),
        };
    }

    private static Tensor Typed<T>(T[] values, long[] shape, string name, string path)
        where T : unmanaged
    {
        var count = shape.Aggregate(1L, (a, b) => checked(a * b));
        if (values.Length != count)
        {
            throw new WeightFileException(path,
                $"initializer '{name}' holds {values.Length} values, its shape [{string.Join(", ", shape)}] needs {count}");
        }
        return Tensor.FromSpan<T>(values, shape);
    }
}

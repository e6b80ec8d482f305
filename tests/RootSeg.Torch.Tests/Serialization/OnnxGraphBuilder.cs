using Google.Protobuf;
using Onnx;

namespace RootSeg.Torch.Tests.Serialization;

/// <summary>Writes small ONNX models (the protobuf of OnnxSharp's generated classes) for the reader's tests.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly ModelProto _model = new() { IrVersion = 7, ProducerName = "rootseg-tests", Graph = new GraphProto { Name = "g" } };

    public OnnxGraphBuilder(long opset = 11) => _model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });

    public OnnxGraphBuilder Input(string name, params long[] shape)
    {
        _model.Graph.Input.Add(ValueInfo(name, shape));
        return this;
    }

    public OnnxGraphBuilder Output(string name)
    {
        _model.Graph.Output.Add(new ValueInfoProto { Name = name });
        return this;
    }

    public OnnxGraphBuilder Initializer(string name, float[] values, params long[] shape)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);
        tensor.FloatData.AddRange(values);
        _model.Graph.Initializer.Add(tensor);
        return this;
    }

    public OnnxGraphBuilder Node(string op, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _model.Graph.Node.Add(node);
        return this;
    }

    /// <summary>A list-of-integers attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        proto.Ints.AddRange(values);
        return proto;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public string Write(string folder)
    {
        var path = Path.Combine(folder, $"model-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, _model.ToByteArray());
        return path;
    }

    private static ValueInfoProto ValueInfo(string name, long[] shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (var size in shape)
        {
            tensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}

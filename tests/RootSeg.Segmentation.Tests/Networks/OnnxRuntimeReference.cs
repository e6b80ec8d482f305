using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Networks;

/// <summary>
/// Runs an ONNX file in ONNX Runtime (the reference implementation of the ONNX specification, CPU provider) with
/// chosen intermediate values exposed as extra graph outputs, so that RootSeg's results can be compared with its.
/// </summary>
internal static class OnnxRuntimeReference
{
    /// <summary>The values named in <paramref name="outputs"/> for one float input, as (shape, data) pairs by name.</summary>
    public static Dictionary<string, (long[] Shape, float[] Data)> Run(string path, string inputName, Tensor input,
        IReadOnlyList<string> outputs)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var known = model.Graph.ValueInfo.Concat(model.Graph.Output).ToDictionary(v => v.Name, StringComparer.Ordinal);
        model.Graph.Output.Clear();
        foreach (var name in outputs)
        {
            model.Graph.Output.Add(known.TryGetValue(name, out var info) ? info : new ValueInfoProto { Name = name });
        }
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(model.ToByteArray(), options);
        using var contiguous = input.Contiguous();
        using var value = OrtValue.CreateTensorValueFromMemory(contiguous.ToArray<float>(), input.Shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [inputName], [value], [.. outputs]);
        var byName = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        for (var i = 0; i < outputs.Count; i++)
        {
            var result = results[i];
            byName[outputs[i]] = (result.GetTensorTypeAndShape().Shape, result.GetTensorDataAsSpan<float>().ToArray());
        }
        return byName;
    }

    /// <summary>The largest absolute difference over the largest absolute reference value (0 when both are zero).</summary>
    public static double RelativeError(float[] expected, Tensor actual)
    {
        using var contiguous = actual.To(ScalarType.Float32).Contiguous();
        var values = contiguous.ToArray<float>();
        Assert.Equal(expected.Length, values.Length);
        double largest = 0, error = 0;
        for (var i = 0; i < values.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(expected[i]));
            error = Math.Max(error, Math.Abs(expected[i] - values[i]));
        }
        return largest == 0 ? error : error / largest;
    }
}

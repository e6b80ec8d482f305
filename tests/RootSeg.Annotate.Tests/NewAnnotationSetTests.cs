using RootSeg.Annotate.Projects;

namespace RootSeg.Annotate.Tests;

public sealed class NewAnnotationSetTests
{
    [Fact]
    public void FollowsRootPainterOrder()
    {
        int train = 0, validation = 0;
        var order = new List<AnnotationSet>();
        for (var i = 0; i < 14; i++)
        {
            var set = NewAnnotationSet.Choose(train, validation);
            order.Add(set);
            _ = set == AnnotationSet.Train ? train++ : validation++;
        }
        // t v t t t t v (train reached 5x val), then 5 more train before the next val, ...
        var expected = "TVTTTTVTTTTTVT".Select(c => c == 'T' ? AnnotationSet.Train : AnnotationSet.Validation);
        Assert.Equal(expected, order);
        Assert.Equal(AnnotationSet.Train, NewAnnotationSet.Choose(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewAnnotationSet.Choose(-1, 0));
    }
}

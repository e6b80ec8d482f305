namespace RootSeg.Annotate.Projects;

/// <summary>Which of the two annotation folders an annotated photo belongs to.</summary>
public enum AnnotationSet
{
    /// <summary>annotations/train: tiles are sampled from it for training.</summary>
    Train,

    /// <summary>annotations/val: the best model is chosen on it.</summary>
    Validation,
}

/// <summary>
/// RootPainter's rule for where a photo's first annotation goes (Smith et al. 2022, doi:10.1111/nph.18387; its
/// client's <c>get_new_annot_target_dir</c>): the first to training, then one to validation, then to validation only
/// while training holds at least five times as many, so that about one annotation in six is for validation. An
/// annotation stays in its folder when it is edited later.
/// </summary>
public static class NewAnnotationSet
{
    /// <summary>The folder for a new annotation, given how many each folder holds.</summary>
    /// <param name="train">Annotations in the training folder, at least 0.</param>
    /// <param name="validation">Annotations in the validation folder, at least 0.</param>
    public static AnnotationSet Choose(int train, int validation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(train);
        ArgumentOutOfRangeException.ThrowIfNegative(validation);
        if (train == 0)
        {
            return AnnotationSet.Train;
        }
        if (validation == 0)
        {
            return AnnotationSet.Validation;
        }
        return train >= validation * 5 ? AnnotationSet.Validation : AnnotationSet.Train;
    }
}

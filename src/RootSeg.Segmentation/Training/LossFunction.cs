using RootSeg.Torch;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// A segmentation loss: a scalar tensor from logits (N, 2, H, W), int64 classes (N, H, W) and a labelled mask
/// (N, H, W, non-zero where annotated) that leaves unlabelled pixels out. The paper's is Dice + 0.3 x cross-entropy
/// (Smith et al. 2020, doi:10.1186/s13007-020-00563-0).
/// </summary>
public delegate Tensor LossFunction(Tensor logits, Tensor target, Tensor labelled);

namespace RootSeg.Segmentation.Training;

/// <summary>Receives a run's progress; called on the training thread, so implementations should be quick.</summary>
public interface ITrainingObserver
{
    /// <summary>After every optimiser step.</summary>
    void OnStep(StepReport report);

    /// <summary>After validation of an epoch, once its checkpoint is written.</summary>
    void OnEpoch(EpochRecord record, bool isBest);

    /// <summary>A remark worth showing the user (a resumed run, a thread-count mismatch, changed data).</summary>
    void OnNotice(string message);
}

namespace Contrastive.Evaluation.Verification;

/// <summary>A pair of test rows to verify, as a pairs file gives it.</summary>
/// <param name="First">Row of the first test sample.</param>
/// <param name="Second">Row of the second test sample.</param>
/// <param name="Same">True when both show the same identity or class.</param>
public readonly record struct TestPair(int First, int Second, bool Same);

using Contrastive.IO;
using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Optim;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Models;

/// <summary>
/// The bench model of BENCH_SPEC.md against PyTorch (tests/reference/bench_model.*): the PyTorch checkpoint loads
/// with strict keys, and the eval outputs, one NT-Xent train step's loss, every parameter gradient, the parameters
/// after one SGD step and the batch-norm buffers after the two train-mode forwards all match.
/// </summary>
public class BenchModelTests
{
    private static readonly ReferenceCase s_reference = ReferenceData.Load(ReferenceData.PathOf("bench_model.json"))[0];

    private static EmbeddingModel LoadReferenceModel()
    {
        var rng = new Rng(1);
        var model = new EmbeddingModel(new BenchEncoder(rng), Heads.Projection(rng, 128, 128, 64));
        ModuleCheckpoint.Load(model, ReferenceData.PathOf("bench_model.safetensors"), strict: true);
        return model;
    }

    [Fact]
    public void State_keys_are_the_pytorch_keys()
    {
        var keys = LoadReferenceModel().StateEntries().Select(e => e.Name).ToList();
        Assert.Contains("encoder.net.0.0.weight", keys);
        Assert.Contains("encoder.net.2.1.num_batches_tracked", keys);
        Assert.Contains("head.1.running_var", keys);
        Assert.Contains("head.3.bias", keys);
        Assert.Equal(26, keys.Count);
    }

    [Fact]
    public void Eval_outputs_match_pytorch()
    {
        var model = LoadReferenceModel();
        model.Eval();
        using var _ = Autograd.NoGrad();
        var x = s_reference.Get("x");
        TensorAssert.Close(s_reference.Get("eval_representation"), model.Represent(x), "eval_representation");
        TensorAssert.Close(s_reference.Get("eval_projection"), model.Forward(x), "eval_projection");
    }

    [Fact]
    public void One_training_step_matches_pytorch()
    {
        var model = LoadReferenceModel();
        model.Train();
        var loss = NtXentLoss.Compute(model.Forward(s_reference.Get("x")), model.Forward(s_reference.Get("view2")), 0.5f);
        TensorAssert.Close(s_reference.Get("train_loss").Item(), loss.Item(), "train_loss");

        var optimizer = new Sgd(model.Parameters(), lr: 0.06f, momentum: 0.9f, weightDecay: 5e-4f);
        optimizer.ZeroGrad();
        loss.Backward();
        foreach (var (name, p) in model.NamedParameters())
            TensorAssert.Close(s_reference.Get("grad:" + name), p.Grad, "grad:" + name);
        foreach (var (name, buffer, _) in model.NamedBuffers())
            TensorAssert.Close(s_reference.Get("after_step_buffer:" + name), buffer, "after_step_buffer:" + name);
        optimizer.Step();
        foreach (var (name, p) in model.NamedParameters())
            TensorAssert.Close(s_reference.Get("after_sgd:" + name), p, "after_sgd:" + name);
    }
}

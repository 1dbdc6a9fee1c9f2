namespace Contrastive.Reinforcement;

/// <summary>The state of a cart-pole: cart position x (m, 0 = track centre) and velocity, pole angle theta (rad, 0 =
/// upright, positive leaning toward +x) and angular velocity.</summary>
public readonly record struct CartPoleState(double X, double XDot, double Theta, double ThetaDot)
{
    /// <summary>The names of <see cref="Variables"/>, in order.</summary>
    public static IReadOnlyList<string> VariableNames { get; } = ["x", "x_dot", "cos_theta", "sin_theta", "theta_dot"];

    /// <summary>The state as the regression targets: x, x_dot, cos theta, sin theta, theta_dot (the angle as its cosine
    /// and sine, which are continuous where the angle wraps).</summary>
    public double[] Variables() => [X, XDot, Math.Cos(Theta), Math.Sin(Theta), ThetaDot];
}

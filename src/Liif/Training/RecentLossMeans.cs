namespace Liif.Training;

/// <summary>Means of the loss parts over this session's last steps, for the provenance notes.</summary>
internal sealed class RecentLossMeans
{
    private readonly Queue<(double Content, double? Adversarial, double? Discriminator)> _recent = new();

    public void Add(double content, double? adversarial, double? discriminator)
    {
        _recent.Enqueue((content, adversarial, discriminator));
        if (_recent.Count > 100)
        {
            _recent.Dequeue();
        }
    }

    public string? Describe()
    {
        if (_recent.Count == 0)
        {
            return null;
        }

        string text = string.Create(CultureInfo.InvariantCulture, $"last {_recent.Count} steps: content loss {_recent.Average(r => r.Content):G4}");
        if (_recent.Peek().Adversarial is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $", adversarial loss {_recent.Average(r => r.Adversarial!.Value):G4}, discriminator loss {_recent.Average(r => r.Discriminator!.Value):G4}");
        }

        return text;
    }
}

using System.Text.Json.Nodes;

namespace Liif.Cli.Commands;

/// <summary><c>liif info MODEL</c>: what a model file holds (architecture, size, provenance), without running it.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A model file: official LIIF .pth or liif .safetensors." };
        var json = new Option<bool>("--json") { Description = "Print the spec and provenance as JSON." };
        var command = new Command("info", "Show a model file's architecture, parameter count and provenance.") { model, json };
        command.SetAction(parse => CommandRunner.Run(() => Run(parse.GetValue(model)!, parse.GetValue(json))));
        return command;
    }

    private static int Run(string path, bool asJson)
    {
        using LoadedModel loaded = ModelLoader.Load(path);
        long parameters = loaded.Module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        if (asJson)
        {
            var info = new JsonObject
            {
                ["file"] = path,
                ["spec"] = loaded.Spec.ToJson(),
                ["trainable_parameters"] = parameters,
                ["provenance"] = JsonNode.Parse(loaded.Provenance.ToJson()),
            };
            Console.WriteLine(EvalJson.Serialize(info));
            return CommandRunner.Ok;
        }

        Line("file", path);
        Line("model", loaded.Spec.ToString());
        Line("parameters", $"{parameters:N0} trainable");
        ModelProvenance p = loaded.Provenance;
        Line("method", p.Method);
        Line("source", p.Source);
        Line("data", p.TrainingData);
        Line("iterations", p.Iterations?.ToString("N0"));
        Line("epochs", p.Epochs?.ToString());
        Line("batch size", p.BatchSize?.ToString());
        Line("device", p.Device);
        Line("minutes", p.TrainingMinutes?.ToString("0.#"));
        Line("created", p.Created?.ToString("u"));
        foreach ((string name, double value) in p.Metrics ?? [])
        {
            Line(name, value.ToString("0.####"));
        }

        Line("notes", p.Notes);
        return CommandRunner.Ok;
    }

    /// <summary>"label:" padded to a column of 13; a longer label (a metric's name) is followed by one space.</summary>
    private static void Line(string label, string? value)
    {
        if (value is not null)
        {
            Console.WriteLine($"{label + ":",-12} {value}");
        }
    }
}

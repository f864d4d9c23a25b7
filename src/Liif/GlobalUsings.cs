// The namespaces most files of this project use, imported once.
global using TorchSharp;
global using static TorchSharp.torch;
global using TorchSharp.Modules;
global using Liif.Imaging;
global using Liif.Models;
global using Liif.Storage;
global using Liif.Inference;
global using Liif.Evaluation;
global using Liif.Training;
global using System.Globalization;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using System.Text.Json.Serialization;
global using System.Diagnostics;
global using TorchSharp.Utils;
